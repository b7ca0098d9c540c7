// A match score explained: points per factor, each with its reason in words (recommendations and
// rounds), and the hard constraints a pair fails. The page loads the names of the regions that
// the factors name (regionCodesOf).
import { LANGUAGES, POSITION_KINDS, SERVICE_AREAS, label } from '../../src/lib/vocab';
import { fmt, type Lang, type Messages, textFor } from '../i18n';
import type { RecommendationsText } from '../i18n/recommendations';

export interface Factor {
  factor: string;
  points: number;
  detail: string;
}

/** The `key=value;…` detail of a factor as a map (a bare word maps to ''). */
function detailParts(detail: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of detail.split(';')) {
    if (!part) continue;
    const i = part.indexOf('=');
    if (i < 0) out.set(part, '');
    else out.set(part.slice(0, i), part.slice(i + 1));
  }
  return out;
}

/** Region codes named in a breakdown (preferred regions), so the page can show their names. */
export function regionCodesOf(breakdowns: (readonly Factor[] | null | undefined)[]): string[] {
  const codes = new Set<string>();
  for (const b of breakdowns) {
    for (const f of b ?? []) {
      if (f.factor !== 'preferredRegion') continue;
      const parts = detailParts(f.detail);
      const code = parts.get('exact') ?? parts.get('within');
      if (code) codes.add(code);
    }
  }
  return [...codes];
}

/** One factor's detail in words. */
export function factorText(f: Factor, r: RecommendationsText, m: Messages, lang: Lang, regionNames: Map<string, string>): string {
  const parts = detailParts(f.detail);
  const list = (codes: string | undefined, vocab: Parameters<typeof label>[0]) =>
    (codes ?? '')
      .split(',')
      .filter(Boolean)
      .map((c) => label(vocab, c, lang))
      .join(m.common.listSep);
  switch (f.factor) {
    case 'serviceArea': {
      const n = Number(parts.get('listed') ?? 0);
      if (!n) return r.detail.noListedAreas;
      const areas = list(parts.get('shared'), SERVICE_AREAS);
      return areas ? fmt(r.detail.sharedAreas, { areas, n }) : fmt(r.detail.noSharedAreas, { n });
    }
    case 'preferredRegion': {
      const exact = parts.get('exact');
      const within = parts.get('within');
      if (exact) return fmt(r.detail.preferredExact, { region: regionNames.get(exact) ?? exact });
      if (within) return fmt(r.detail.preferredWithin, { region: regionNames.get(within) ?? within });
      return r.detail.preferredNone;
    }
    case 'qualification': {
      const n = Number(parts.get('levels') ?? 0);
      return n > 0 ? r.detail.qualificationLevels(Number(n)) : r.detail.qualificationEqual;
    }
    case 'history': {
      const out: string[] = [];
      if (parts.has('employer')) out.push(r.detail.pastEmployer);
      if (parts.has('internship')) out.push(r.detail.pastInternship);
      const kind = parts.get('kind');
      if (kind) out.push(fmt(r.detail.pastKind, { kind: label(POSITION_KINDS, kind, lang) }));
      return out.length ? out.join(m.common.listSep) : r.detail.noHistory;
    }
    case 'language': {
      const languages = list(parts.get('extra'), LANGUAGES);
      return languages ? fmt(r.detail.extraLanguages, { languages, n: parts.get('counted') ?? '0' }) : r.detail.noExtraLanguages;
    }
    case 'distance':
      return textFor(r.detail.distance, f.detail) ?? f.detail;
    default:
      return f.detail;
  }
}

/** Points per factor, each with its reason in words; the points add up to the score. */
export function Breakdown({ factors, r, m, lang, regionNames }: { factors: readonly Factor[]; r: RecommendationsText; m: Messages; lang: Lang; regionNames: Map<string, string> }) {
  return (
    <ul class="breakdown" aria-label={r.breakdownLabel}>
      {factors.map((f) => (
        <li>
          <span class={f.points > 0 ? 'pts' : 'pts zero'}>{`+${f.points}`}</span>
          <span>
            <strong>{(r.factors as Record<string, string>)[f.factor] ?? f.factor}</strong>
            {lang === 'zh' ? '：' : ': '}
            {factorText(f, r, m, lang, regionNames)}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Hard constraints a pair fails, in words. */
export function IneligibleReasons({ reasons, r }: { reasons: readonly string[]; r: RecommendationsText }) {
  if (reasons.length === 0) return null;
  return (
    <ul class="reasons">
      {reasons.map((x) => (
        <li>{textFor(r.reasons, x) ?? x}</li>
      ))}
    </ul>
  );
}
