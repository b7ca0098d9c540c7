// Sign-up (issue #11 §1; ARCHITECTURE.md, "Mail"). Registration never says whether an address has
// an account: every accepted request answers "check your mailbox". A new address gets a link that
// creates the account when used (24 hours, once); an address that has an account gets a mail
// saying someone tried to register with it. Sign-ups are limited per client address and per email.
//
// Without a way to send mail (production without SMTP_URL, or Workers) nobody could confirm an
// address: sign-up then creates the account at once and signs in, and an address that is taken
// answers 409, as before. The server logs this once at start (src/server.ts).
import type { AppDeps } from '../lib/context';
import { fieldError } from '../lib/errors';
import { newId } from '../lib/ids';
import { writeUnit } from '../lib/write-unit';
import { mailAvailable, mailRow } from '../mail';
import { hashPassword } from './password';
import { reserveOrRefuse } from './rate-limit';
import { createSession } from './sessions';
import { newDeviceToken } from './device';
import { LINK_TOKEN_MAX_CHARS, hashLinkToken, newLinkToken } from './link-token';
import { createAccount, type NewAccount, type SignedIn } from './auth.service';
import { linkOrigin } from './reset.service';
import * as repo from './signup.repository';

export const SIGNUP_LIMITS = { ttlMs: 24 * 60 * 60_000, perEmail: 3, windowMs: 60 * 60_000 } as const;

export interface SignUpRequest {
  address: string;
  userAgent?: string | null;
  /** The origin the request came to (links use PUBLIC_ORIGIN when it is set). */
  origin: string;
}

/** Signed in at once (no mail on this server) or asked to open the link in the mail. */
export type Registered = { kind: 'signed_in'; session: SignedIn } | { kind: 'check_mailbox' };

/** Signs up a graduate or an employer; at most REGISTER_MAX_PER_ADDRESS sign-ups an hour come from
 * one client address, and at most 3 an hour name one email (each counts, kept or not). */
export async function register(deps: AppDeps, input: NewAccount, from: SignUpRequest): Promise<Registered> {
  if (input.role !== 'graduate' && input.role !== 'employer') throw fieldError('role', 'signup_role');
  const now = deps.now();
  const { maxPerAddress, windowMs } = deps.config.register;
  await reserveOrRefuse(deps.database, `register:address:${from.address}`, { max: maxPerAddress, windowMs }, now, 'sign-ups from this address');
  if (!mailAvailable(deps)) {
    const user = await createAccount(deps, input);
    const token = await createSession(deps.database, user.id, now, from.userAgent ?? null);
    return { kind: 'signed_in', session: { user, token, device: await newDeviceToken(deps.config.dataKey, user.id) } };
  }
  const origin = linkOrigin(deps, from.origin);
  await reserveOrRefuse(deps.database, `register:email:${input.email}`, { max: SIGNUP_LIMITS.perEmail, windowMs: SIGNUP_LIMITS.windowMs }, now, 'sign-ups for this email');
  // The password is hashed either way, so both answers take the same time.
  const passwordHash = await hashPassword(deps.scrypt, input.password, deps.config.passwordScryptN);
  const existing = await repo.userExists(deps.database, input.email);
  if (existing) {
    await writeUnit(deps.database, now)
      .add(
        await mailRow(
          deps,
          {
            to: input.email,
            subject: '有人尝试用您的邮箱注册 / Someone tried to sign up with your email',
            text: alreadyRegisteredText(existing.display_name, origin),
            kind: 'signup_existing',
          },
          now,
        ),
      )
      .commit();
    return { kind: 'check_mailbox' };
  }
  const token = newLinkToken();
  const role = input.role;
  await writeUnit(deps.database, now)
    .add(
      repo.insertSignUp(deps.database, {
        tokenHash: await hashLinkToken(token),
        email: input.email,
        passwordHash,
        displayName: input.displayName,
        role,
        now,
        expiresAt: now + SIGNUP_LIMITS.ttlMs,
      }),
    )
    .add(
      await mailRow(
        deps,
        { to: input.email, subject: '确认注册 / Confirm your sign-up', text: confirmText(input.displayName, `${origin}/sign-up/confirm?token=${token}`), kind: 'signup_confirm' },
        now,
      ),
    )
    .commit();
  return { kind: 'check_mailbox' };
}

/** Whether a sign-up link can still be used (the page says so before showing its button). */
export async function signUpTokenUsable(deps: AppDeps, token: string): Promise<boolean> {
  if (!token || token.length > LINK_TOKEN_MAX_CHARS) return false;
  const found = await repo.findSignUp(deps.database, await hashLinkToken(token));
  return found !== undefined && found.used_at === null && found.expires_at > deps.now();
}

const invalidToken = () => fieldError('token', 'link_invalid');

/** Uses a sign-up link: the account is created and signed in. A second link for the same address,
 * used after the first, is refused as used. */
export async function confirmSignUp(deps: AppDeps, token: string, userAgent: string | null): Promise<SignedIn> {
  if (token.length > LINK_TOKEN_MAX_CHARS) throw invalidToken();
  const tokenHash = await hashLinkToken(token);
  const found = await repo.findSignUp(deps.database, tokenHash);
  const now = deps.now();
  if (!found || found.used_at !== null || found.expires_at <= now) throw invalidToken();
  const claim = newId();
  const id = newId();
  const { created } = await writeUnit(deps.database, now)
    .add(repo.claimSignUp(deps.database, tokenHash, claim, now))
    .add(
      'created',
      repo.insertUserIfClaimed(deps.database, {
        id,
        tokenHash,
        claim,
        email: found.email,
        passwordHash: found.password_hash,
        displayName: found.display_name,
        role: found.role,
        now,
      }),
    )
    .add(repo.endOtherSignUps(deps.database, found.email, now))
    .changes('users')
    .commit();
  if (created.numAffectedRows !== 1) throw invalidToken();
  const user = { id, email: found.email, role: found.role, display_name: found.display_name, region_code: null };
  const sessionToken = await createSession(deps.database, id, now, userAgent);
  return { user, token: sessionToken, device: await newDeviceToken(deps.config.dataKey, id) };
}

function confirmText(name: string, link: string): string {
  return [
    `${name}，您好：`,
    '',
    '感谢注册社工人才库。请在 24 小时内打开下面的链接完成注册，链接只能使用一次：',
    link,
    '如果不是您本人操作，请忽略本邮件，不会创建任何账号。',
    '',
    `Hello ${name},`,
    'Thank you for signing up. Open the link above within 24 hours to finish; it works once.',
    'If it was not you, ignore this mail: no account is created.',
  ].join('\n');
}

function alreadyRegisteredText(name: string, origin: string): string {
  return [
    `${name}，您好：`,
    '',
    '有人刚刚尝试用您的邮箱在社工人才库注册新账号。您已经有账号，无需再次注册：',
    `登录：${origin}/sign-in`,
    `忘记密码：${origin}/password/forgot`,
    '如果不是您本人操作，请忽略本邮件，您的账号不受影响。',
    '',
    `Hello ${name},`,
    'Someone just tried to sign up with your email. You already have an account: sign in or reset your password with the links above.',
    'If it was not you, ignore this mail: your account is unchanged.',
  ].join('\n');
}
