// Talents: a graduate's own profile, and a department's talent list.
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { talentsDepartmentPages } from './department';
import { talentsTalentPages } from './talent';

export const talentsPages = new Hono<AppEnv>().route('/', talentsTalentPages).route('/', talentsDepartmentPages);
