import { Hono } from 'hono';
import type { AppEnv } from '../../src/lib/context';

export const importsPages = new Hono<AppEnv>();
