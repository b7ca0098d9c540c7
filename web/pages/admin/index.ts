// The admin console's pages (issue #11 §3): the landing, accounts, the audit log, imports and search
// status; search tuning keeps its own router (search-tuning.tsx).
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { accountsPages } from './accounts';
import { auditPages } from './audit';
import { consolePages } from './console';

export const adminPages = new Hono<AppEnv>();
adminPages.route('/', consolePages);
adminPages.route('/', accountsPages);
adminPages.route('/', auditPages);
