// Configuration, parsed once by an entry point (server.ts, worker.ts, cli.ts) and passed down.
// Nothing else reads process.env or Worker bindings.
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_PATH: z.string().default('data/shegong.sqlite'),
  DATA_DIR: z.string().default('data'),
  /** Base64 secret (≥ 32 bytes) from which the ID-number encryption and HMAC keys are derived.
   * Node generates one into DATA_DIR/data-key on first start when unset; Workers must set it. */
  DATA_KEY: z.string().optional(),
  /** scrypt cost for new password hashes; stored beside each hash, so it can be raised later. */
  PASSWORD_SCRYPT_N: z.coerce.number().int().min(2).default(32768),
  /** Where the site is served from, if behind a proxy that rewrites the Host header. */
  PUBLIC_ORIGIN: z.string().url().optional(),
  SIGNIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  SIGNIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  SIGNIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Sign-ups per client address per hour (a school's lab shares one address: keep it generous). */
  REGISTER_MAX_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  MEILI_URL: z.string().url().optional(),
  MEILI_MASTER_KEY: z.string().optional(),
  LOG_REQUESTS: bool.default(true),
  /** production (the default): no development mailbox; demo and development show unsent mail at
   * /dev/mailbox when SMTP_URL is unset (`npm run demo` sets demo). */
  APP_MODE: z.enum(['production', 'development', 'demo']).default('production'),
  /** smtp://user:pass@host:port or smtps://… ; without it mail waits in the outbox. */
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().max(200).default('社工人才库 <no-reply@localhost>'),
  /** The site's home region (a GB/T 2260 code): region pickers and filters start there. Unset: the country. */
  HOME_REGION: z
    .string()
    .regex(/^\d{2}(\d{2}(\d{2}(\d{3})?)?)?$/, 'must be a GB/T 2260 region code of 2, 4, 6 or 9 digits')
    .optional(),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface Config {
  dataKey: string;
  passwordScryptN: number;
  publicOrigin?: string;
  signin: { maxPerAccount: number; maxPerAddress: number; windowMs: number };
  register: { maxPerAddress: number; windowMs: number };
  logRequests: boolean;
  mode: 'production' | 'development' | 'demo';
  mail: { from: string; smtpUrl?: string };
  /** Where region pickers start ('' = the whole country). */
  homeRegion: string;
}

export function parseEnv(source: Record<string, string | undefined>): RawConfig {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  return parsed.data;
}

export function toConfig(raw: RawConfig, dataKey: string): Config {
  return {
    dataKey,
    passwordScryptN: raw.PASSWORD_SCRYPT_N,
    publicOrigin: raw.PUBLIC_ORIGIN,
    signin: {
      maxPerAccount: raw.SIGNIN_MAX_FAILURES_PER_ACCOUNT,
      maxPerAddress: raw.SIGNIN_MAX_FAILURES_PER_ADDRESS,
      windowMs: raw.SIGNIN_WINDOW_MINUTES * 60_000,
    },
    register: { maxPerAddress: raw.REGISTER_MAX_PER_ADDRESS, windowMs: 60 * 60_000 },
    logRequests: raw.LOG_REQUESTS,
    mode: raw.APP_MODE,
    mail: { from: raw.MAIL_FROM, smtpUrl: raw.SMTP_URL },
    homeRegion: raw.HOME_REGION ?? '',
  };
}
