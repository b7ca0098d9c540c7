// Flash messages (Post/Redirect/Get): a successful form post redirects with a catalogue key in a
// short-lived cookie; the next page shows its text once, above its content (the layout renders it
// with web/components/flash.tsx). Works without script and survives the redirect.
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Lang } from './i18n';
import { flashText, type FlashKey } from './i18n/flash';
import type { Context } from 'hono';
import type { AppEnv } from '../src/lib/context';

type WebContext = Context<AppEnv>;

export type { FlashKey };

const FLASH_COOKIE = 'flash';

export function setFlash(c: WebContext, key: FlashKey): void {
  setCookie(c, FLASH_COOKIE, key, { path: '/', httpOnly: true, secure: true, sameSite: 'Lax', maxAge: 60 });
}

/** The flash text of this request, if any; clears the cookie so it shows once. */
export function takeFlash(c: WebContext, lang: Lang): string | null {
  const key = getCookie(c, FLASH_COOKIE);
  if (!key) return null;
  deleteCookie(c, FLASH_COOKIE, { path: '/', secure: true });
  return flashText(lang, key);
}

/** Post/Redirect/Get: after a successful form post, go to a page with a flash message. */
export function redirectWith(c: WebContext, to: string, flash?: FlashKey) {
  if (flash) setFlash(c, flash);
  return c.redirect(to, 303);
}
