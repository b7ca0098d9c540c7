// The audit parts of a department's round page (issue #13): the reserve policy with a worked
// example, the frozen inputs with "refresh inputs", the round file and public report, and the
// follow-up round. No inline script or style (CSP).
import type { RoundDto } from '../../../src/rounds';
import { ActionButton, ErrorSummary, SelectField, TextField } from '../../components';
import type { FormErrors, FormValues } from '../../forms';
import { messages, type Lang } from '../../i18n';

export function ReservePolicyExplained({ round, lang }: { round: RoundDto; lang: Lang }) {
  const a = messages(lang).roundsAudit;
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

/** The reserve policy select of the create and settings forms; the worked example is in the round page's policy section. */
export function ReservePolicyField({ lang, values, errors, prefix }: { lang: Lang; values?: FormValues; errors?: FormErrors; prefix: string }) {
  const a = messages(lang).roundsAudit;
  return (
    <SelectField
      name="reservePolicy"
      idPrefix={prefix}
      label={a.policyField}
      hint={a.policyHint}
      options={(['reserved_first', 'general_first'] as const).map((k) => [k, a.policies[k]] as [string, string])}
      values={values}
      errors={errors}
    />
  );
}

export function AuditSections({
  round,
  lang,
  base,
  when,
  followUp,
}: {
  round: RoundDto;
  lang: Lang;
  base: string;
  when: (iso: string) => string;
  /** The follow-up form as posted, when it was refused. */
  followUp?: { errors: FormErrors; values?: FormValues };
}) {
  const a = messages(lang).roundsAudit;
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
            <li>
              <a href={`/api/v1/rounds/${round.id}/export`} download>
                {a.exportLink}
              </a>
            </li>
            {published && (
              <li>
                <a href={`/api/v1/rounds/${round.id}/report`}>{a.reportLink}</a>
              </li>
            )}
          </ul>
        </section>
      )}
      {published && (
        <section class="card" id="follow-up" aria-labelledby="follow-up-title">
          <h2 id="follow-up-title">{a.followUpTitle}</h2>
          <p class="muted">{a.followUpLead}</p>
          <ErrorSummary errors={followUp?.errors} />
          {/* A deadline for the follow-up's choices, as a first round has (its create form). */}
          <form method="post" action={`${base}/follow-up`} novalidate>
            <div class="form-grid two">
              <TextField
                name="choicesCloseOn"
                idPrefix="follow"
                type="date"
                label={messages(lang).rounds.list.choicesCloseOn}
                hint={messages(lang).rounds.polish.followUpDeadlineHint}
                values={followUp?.values}
                errors={followUp?.errors}
              />
            </div>
            <div class="form-actions">
              <button type="submit">{a.followUpButton}</button>
            </div>
          </form>
        </section>
      )}
    </>
  );
}
