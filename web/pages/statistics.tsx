import { Hono } from 'hono';
import type { AppEnv } from '../../src/lib/context';

export const statisticsPages = new Hono<AppEnv>();
