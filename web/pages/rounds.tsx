import { Hono } from 'hono';
import type { AppEnv } from '../../src/lib/context';

export const roundsPages = new Hono<AppEnv>();
