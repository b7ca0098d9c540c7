// Recommendations (issue #4): a graduate's best open posts, an employer's best candidates for a post.
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { recommendationsEmployerPages } from './employer';
import { recommendationsTalentPages } from './talent';

export const recommendationsPages = new Hono<AppEnv>().route('/', recommendationsTalentPages).route('/', recommendationsEmployerPages);
