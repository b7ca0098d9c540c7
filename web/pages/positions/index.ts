// Positions: the public list and a position's page (with applying), and an employer's own posts.
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { positionsEmployerPages } from './employer';
import { positionsPublicPages } from './public';

export const positionsPages = new Hono<AppEnv>().route('/', positionsPublicPages).route('/', positionsEmployerPages);
