// Employers: an employer's own organisation, and a department's verification queue.
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { employersDepartmentPages } from './department';
import { employersEmployerPages } from './employer';

export const employersPages = new Hono<AppEnv>().route('/', employersEmployerPages).route('/', employersDepartmentPages);
