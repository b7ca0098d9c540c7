// The audit parts of a department's round page (issue #13): the reserve policy with a worked
// example, the frozen inputs with "refresh inputs", the round file and public report, and the
// follow-up round. No inline script or style (CSP).
import type { RoundDto } from '../../../src/rounds';
import { ActionButton } from '../../components';
import { roundsAuditText } from '../../i18n/rounds-audit';

type Lang = keyof typeof roundsAuditText;

export function ReservePolicyExplained({ round, lang }: { round: RoundDto; lang: Lang }) {
  const a = roundsAuditText[lang] ?? roundsAuditText.zh;
  return (
    <section class="card" id="reserve-policy" aria-labelledby="reserve-policy-title">
      <h2 id="reserve-policy-title">{a.policyHeading(a.policies[round.reservePolicy])}</h2>
      <p>{a.policyLead[round.reservePolicy]}</p>
      <p class="muted">{a.policyRevert}</p>
      <h3>{a.exampleTitle}</h3>
      <p>{a.example}</p>
      <ul>
        <li>{a.exampleOutcome.reserved_first}</li>
        <li>{a.exampleOutcome.general_first}</li>
      </ul>
    </section>
  );
}

export function AuditSections({ round, lang, base, when }: { round: RoundDto; lang: Lang; base: string; when: (iso: string) => string }) {
  const a = roundsAuditText[lang] ?? roundsAuditText.zh;
  const published = round.status === 'published' || round.status === 'closed';
  return (
    <>
      <section class="card" id="inputs" aria-labelledby="inputs-title">
        <h2 id="inputs-title">{a.inputsTitle}</h2>
        {round.followsRoundId && (
          <p>
            {a.followsRound} <a href={`/department/rounds/${round.followsRoundId}`}>{round.followsRoundId}</a>
          </p>
        )}
        <p class="muted">{a.inputsLead}</p>
        <p>{round.inputs.version > 0 && round.inputs.takenAt ? a.inputsVersion(round.inputs.version, when(round.inputs.takenAt)) : a.inputsNone}</p>
        {round.status === 'run' && !round.inputs.resultCurrent && <p class="field-error">{a.inputsStale}</p>}
        {round.status === 'run' && (
          <>
            <p class="muted">{a.refreshLead}</p>
            <ActionButton action={`${base}/refresh-inputs`} label={a.refreshButton} tone="secondary" />
          </>
        )}
      </section>
      {round.status !== 'draft' && round.status !== 'collecting' && (
        <section class="card" id="publication" aria-labelledby="publication-title">
          <h2 id="publication-title">{a.publicationTitle}</h2>
          <p class="muted">{a.publicationLead}</p>
          <ul>
            <li><a href={`/api/v1/rounds/${round.id}/export`} download>{a.exportLink}</a></li>
            {published && <li><a href={`/api/v1/rounds/${round.id}/report`}>{a.reportLink}</a></li>}
          </ul>
        </section>
      )}
      {published && (
        <section class="card" id="follow-up" aria-labelledby="follow-up-title">
          <h2 id="follow-up-title">{a.followUpTitle}</h2>
          <p class="muted">{a.followUpLead}</p>
          <ActionButton action={`${base}/follow-up`} label={a.followUpButton} />
        </section>
      )}
    </>
  );
}
