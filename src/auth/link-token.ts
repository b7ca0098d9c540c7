// Tokens for links in mail (password reset, change of email): 32 random bytes, base32; only their
// SHA-256 is stored, so a copy of the database opens no link.
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { sha256 } from '../lib/crypto';

/** The longest token a link may carry (longer ones are refused before any lookup). */
export const LINK_TOKEN_MAX_CHARS = 100;

export const newLinkToken = (): string => encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(32)));

export const hashLinkToken = (token: string): Promise<Uint8Array> => sha256(new TextEncoder().encode(token));
