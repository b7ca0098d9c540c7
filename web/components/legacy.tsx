// Adapters for web/pages/rounds.tsx only, which still renders a scoped region field as an async
// component, shows its flash itself and loads breakdown region names in its handlers. Every other
// page uses the pieces these wrap. Delete this file when the rounds pages move to their folder.
import type { Child } from 'hono/jsx';
import type { AppDeps } from '../../src/lib/context';
import { regionFullNames, scopedRegionChoice } from '../../src/regions';
import { text, type FormErrors, type FormValues } from '../forms';
import { messages, type Lang } from '../i18n';
import type { RecommendationsText } from '../i18n/recommendations';
import { redirectWith, type FlashKey } from '../flash';
import { page, type WebContext } from '../page';
import { Flash } from './flash';
import { ScopedRegionField as ScopedRegionSelect } from './region-field';
import { regionCodesOf, type Factor } from './score-breakdown';

export { Breakdown } from './score-breakdown';
export { pick, toQuery } from '../query';

export const recommendationsTextOf = (lang: Lang): RecommendationsText => messages(lang).recommendations;

/** Full names of the regions the breakdowns name. */
export async function regionNamesOf(deps: AppDeps, breakdowns: (readonly Factor[] | null | undefined)[]): Promise<Map<string, string>> {
  return regionFullNames(deps, regionCodesOf(breakdowns));
}

/** Post/Redirect/Get with a flash key (web/flash.ts). */
export const redirectFlash = (c: WebContext, to: string, key: string) => redirectWith(c, to, key as FlashKey);

/** The layout shows every flash now (web/flash.ts), so the page itself has none to show. */
export const ownFlash = (_c: WebContext, _table: Record<string, string>): string | null => null;

export const FlashNotice = ({ message }: { message: string | null }): Child => <Flash message={message} />;

/** The scoped region field, loading its choices through the regions service. */
export async function ScopedRegionField(p: {
  c: WebContext;
  name: string;
  label: string;
  idPrefix?: string;
  values?: FormValues;
  errors?: FormErrors;
  required?: boolean;
  wide?: boolean;
  hint?: string;
  empty?: string;
}) {
  const { m, deps, user } = page(p.c);
  const { c, ...field } = p;
  const scoped = await scopedRegionChoice(deps, user, text(p.values ?? {}, p.name));
  return <ScopedRegionSelect {...field} m={m} scoped={scoped} />;
}
