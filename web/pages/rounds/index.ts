// Placement rounds (issue #4 part 5): the department creates a round for its region, sets its
// posts (seats, reserved seats) and talents, opens it for choices, runs it, inspects the result
// (per-post cut-offs and holders, per-talent outcome with the score breakdown and why not the posts
// ranked higher, unassigned with the reason) and publishes it after a confirmation. Talents rank up
// to 30 posts with plain selects and answer their proposal; employers answer the proposals for their
// posts. Every form calls the same service as the JSON API (src/rounds/rounds.service.ts).
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { requireRole } from '../../page';
import { pages as departmentList } from './department-list';
import { pages as department, roundPage } from './department';
import { pages as employer } from './employer';
import { registerExtensionPages } from './extensions';
import { myRoundsPage, pages as talent } from './talent';

export const roundsPages = new Hono<AppEnv>();
roundsPages.use('/department/rounds', requireRole('department', 'admin'));
roundsPages.use('/department/rounds/*', requireRole('department', 'admin'));
roundsPages.use('/me/rounds', requireRole('graduate'));
roundsPages.use('/me/rounds/*', requireRole('graduate'));
roundsPages.use('/employer/proposals', requireRole('employer'));
roundsPages.use('/employer/proposals/*', requireRole('employer'));

roundsPages.route('/', departmentList);
roundsPages.route('/', department);
roundsPages.route('/', talent);
roundsPages.route('/', employer);
registerExtensionPages(roundsPages, roundPage, (c, failure, status) => myRoundsPage(c, failure, status));
