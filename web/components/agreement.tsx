// A directed-training agreement: its status tones, facts, history (with the app's own notes in
// words) and the warning that a serving agreement has no current placement. Shared by the
// department's agreement pages and the graduate's placements page.
import type { AgreementDto, AgreementWithHistoryDto } from '../../src/agreements';
import type { PlacementDto } from '../../src/placements';
import { fmt, type Lang, textFor } from '../i18n';
import type { PlacementsText } from '../i18n/placements';
import { day } from '../page';
import { Badge, type Tone } from './badge';
import { Fact } from './fact';

export const AGREEMENT_TONES: Record<string, Tone> = {
  in_training: 'info',
  awaiting_placement: 'warning',
  serving: 'primary',
  fulfilled: 'success',
  breached: 'danger',
  waived: 'neutral',
};

export function servedText(t: PlacementsText, a: AgreementDto): string {
  return t.agreements.servedValue(a.servedDays, a.owedDays, (a.servedDays / 365).toFixed(1));
}

export function NoPlacementBadge({ t }: { t: PlacementsText }) {
  return (
    <span title={t.agreements.noCurrentPlacementHint}>
      <Badge tone="warning">{t.agreements.noCurrentPlacement}</Badge>
    </span>
  );
}

/** A history note the app wrote itself ("placement <id>", "round proposal <id>", the fulfilment
 * note) in words, linking to the placement when it is among `placements`; anyone else's note as is. */
function EventNote({ note, t, placements, placementHref }: { note: string; t: PlacementsText; placements: PlacementDto[]; placementHref: (p: PlacementDto) => string }) {
  const direct = note.match(/^placement (\S+)$/);
  const viaRound = note.match(/^round proposal (\S+)$/);
  const p = direct ? placements.find((x) => x.id === direct[1]) : viaRound ? placements.find((x) => x.source === 'round' && x.sourceId === viaRound[1]) : undefined;
  if (p) return <a href={placementHref(p)}>{fmt(t.agreements.placementNote, { employer: p.employer.name, start: p.startOn })}</a>;
  if (direct) return <>{t.agreements.placementUnknown}</>;
  if (viaRound) return <>{t.agreements.roundNote}</>;
  if (note === 'service time served in full') return <>{t.agreements.servedInFull}</>;
  return <>{note}</>;
}

export function AgreementHistory({
  a,
  t,
  lang,
  placements = [],
  placementHref = (p) => `#placement-${p.id}`,
}: {
  a: AgreementWithHistoryDto;
  t: PlacementsText;
  lang: Lang;
  /** The agreement's placements (to name the one a note refers to). */
  placements?: PlacementDto[];
  placementHref?: (p: PlacementDto) => string;
}) {
  return (
    <ol class="timeline">
      {a.events.map((e) => {
        const who = textFor(t.roles, e.actorRole ?? 'system') ?? e.actorRole ?? '';
        const to = t.statuses[e.toStatus as AgreementDto['status']] ?? e.toStatus;
        const line = e.fromStatus
          ? fmt(t.agreements.event, { date: day(e.at), who, from: t.statuses[e.fromStatus as AgreementDto['status']] ?? e.fromStatus, to })
          : fmt(t.agreements.eventFirst, { date: day(e.at), who, to });
        return (
          <li>
            {line}
            {e.note && (
              <span class="muted">
                {' — '}
                <EventNote note={e.note} t={t} placements={placements} placementHref={placementHref} />
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}

export function AgreementFacts({ a, t, sponsorName }: { a: AgreementDto; t: PlacementsText; sponsorName?: string | null }) {
  return (
    <dl class="facts">
      <Fact term={t.agreements.talent}>{a.talent.name}</Fact>
      <Fact term={t.agreements.sponsor}>{sponsorName ?? <span class="mono">{a.sponsorRegionCode}</span>}</Fact>
      <Fact term={t.agreements.target} wide>
        {a.targetRegionName}
      </Fact>
      {a.targetEmployer && (
        <Fact term={t.agreements.targetEmployer} wide>
          {a.targetEmployer.name}
        </Fact>
      )}
      <Fact term={t.agreements.institution}>{a.institution}</Fact>
      <Fact term={t.agreements.years}>{`${a.enrolmentYear}–${a.graduationYear}`}</Fact>
      <Fact term={t.agreements.serviceYears}>{t.agreements.yearsValue(a.serviceYears)}</Fact>
      <Fact term={t.agreements.signedOn}>{a.signedOn}</Fact>
      <Fact term={t.agreements.served} wide>
        {servedText(t, a)}
      </Fact>
      {a.statusNote && (
        <Fact term={t.agreements.statusNote} wide>
          {a.statusNote}
        </Fact>
      )}
    </dl>
  );
}
