// One message catalogue per language; zh-CN is the default, English with ?lang=en (remembered in a cookie).
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { zh, type Messages } from './zh';
import { en } from './en';

export type Lang = 'zh' | 'en';
export const catalogues: Record<Lang, Messages> = { zh, en };

export function detectLang(c: Context): Lang {
  const q = c.req.query('lang');
  if (q === 'en' || q === 'zh') {
    setCookie(c, 'lang', q, { path: '/', sameSite: 'Lax', maxAge: 365 * 86400 });
    return q;
  }
  return getCookie(c, 'lang') === 'en' ? 'en' : 'zh';
}

export function messages(lang: Lang): Messages {
  return catalogues[lang];
}
export type { Messages };
