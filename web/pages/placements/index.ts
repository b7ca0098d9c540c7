// Placements (issue #4): the department's list, direct placements and internship bases; the
// graduate's agreements and placements; the employer's interns and staff.
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { placementsDepartmentPages } from './department';
import { placementsEmployerPages } from './employer';
import { placementsTalentPages } from './talent';

export const placementsPages = new Hono<AppEnv>().route('/', placementsDepartmentPages).route('/', placementsTalentPages).route('/', placementsEmployerPages);
