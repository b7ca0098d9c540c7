// Applications: a graduate's own, and the applicants to an employer's position.
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { applicationsEmployerPages } from './employer';
import { applicationsTalentPages } from './talent';
import { invitationsPages } from './invitations';

export const applicationsPages = new Hono<AppEnv>().route('/', applicationsTalentPages).route('/', applicationsEmployerPages).route('/', invitationsPages);
