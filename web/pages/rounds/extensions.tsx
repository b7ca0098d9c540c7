// 服从调剂, pinned placements and the follow-up notice on the round pages (issue #13 items 3, 5, 6):
// the talent ticks 服从调剂 and picks a region by name; the department pins a talent to a post, both
// chosen by name, and unpins; explanations say "pinned" or "经服从调剂分配"; the talent sees the
// notice of a new follow-up round. Every form calls the same service as the JSON API. No inline
// script or style (CSP).
import type { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import type { AdjustmentDto, PinDto } from '../../../src/rounds';
import { AdjustmentBody, PinBody } from '../../../src/rounds';
import { setMyAdjustment } from '../../../src/rounds';
import { addPin, removePin, PIN_QUERY_MAX, type pinOptions } from '../../../src/rounds';
import { dismissNotice, type RoundNoticeDto } from '../../../src/rounds';
import type { RoundDto } from '../../../src/rounds';
import { ErrorSummary, SelectField, TextField } from '../../components';
import { readForm, run, submit, text, type FormErrors, type FormValues } from '../../forms';
import { messages } from '../../i18n';
import type { RoundsExtensionsText } from '../../i18n/rounds-extensions';
import { page, type WebContext } from '../../page';
import { redirectWith } from '../../flash';

const textOf = (lang: string): RoundsExtensionsText => messages(lang === 'en' ? 'en' : 'zh').roundsExtensions;

// ---------------------------------------------------------------- explanations

/** "固定分配：reason" / "经服从调剂分配（region）" / "已服从调剂：region" under an outcome. */
export function ArrangementNote({
  a,
  lang,
  department = false,
}: {
  a: { pinned?: string | null; adjustment?: { regionName: string | null; regionCode: string } | null; viaAdjustment?: boolean };
  lang: string;
  department?: boolean;
}) {
  const x = textOf(lang);
  const region = a.adjustment ? (a.adjustment.regionName ?? a.adjustment.regionCode) : '';
  if (a.pinned !== null && a.pinned !== undefined) {
    return (
      <p class="small">
        <strong>{x.pinnedBecause(a.pinned)}</strong> <span class="muted">{department ? x.pinnedNoteDept : x.pinnedNote}</span>
      </p>
    );
  }
  if (a.viaAdjustment)
    return (
      <p class="small">
        <strong>{x.viaAdjustment(region)}</strong>
      </p>
    );
  if (a.adjustment) return <p class="muted small">{x.adjustTicked(region)}</p>;
  return null;
}

// ---------------------------------------------------------------- 服从调剂 (talent)

export function AdjustmentForm({ a, lang, failure }: { a: AdjustmentDto; lang: string; failure?: { errors: FormErrors; values: FormValues } }) {
  const x = textOf(lang);
  if (!a.editable) return <p class="muted small">{a.regionName ? x.adjustChosen(a.regionName) : x.adjustNone}</p>;
  const values: FormValues = failure?.values ?? { adjust: a.regionCode ? 'yes' : '', regionCode: a.regionCode ?? '' };
  const idp = `adjust-${a.roundId}`;
  return (
    <form method="post" action={`/me/rounds/${a.roundId}/adjustment`} class="mt-8" novalidate>
      <h4>{x.adjustTitle}</h4>
      <p class="muted small">{x.adjustLead}</p>
      <ErrorSummary errors={failure?.errors} />
      <label class="check" for={`${idp}-check`}>
        <input type="checkbox" id={`${idp}-check`} name="adjust" value="yes" checked={values.adjust === 'yes'} />
        <span>{x.adjustCheck}</span>
      </label>
      <SelectField
        name="regionCode"
        idPrefix={idp}
        label={x.adjustRegion}
        hint={x.adjustRegionHint}
        options={a.regions.map((r) => [r.code, r.name] as [string, string])}
        empty="—"
        values={values}
        errors={failure?.errors}
      />
      <div class="form-actions">
        <button type="submit" class="small secondary">
          {x.adjustSave}
        </button>
      </div>
    </form>
  );
}

// ---------------------------------------------------------------- pins (department)

type PinOptions = Awaited<ReturnType<typeof pinOptions>>;

export function PinsSection(p: {
  round: RoundDto;
  pins: PinDto[];
  options: PinOptions | null;
  lang: string;
  query: { talent: string; position: string };
  failure?: { errors: FormErrors; values?: FormValues };
}) {
  const x = textOf(p.lang);
  const base = `/department/rounds/${p.round.id}`;
  const open = p.options !== null;
  const values = p.failure?.values ?? {};
  return (
    <section class="card" id="pins" aria-labelledby="pins-title">
      <h2 id="pins-title">{x.pinsTitle}</h2>
      <p class="muted">{x.pinsLead}</p>
      <ErrorSummary errors={p.failure?.errors} />
      {p.pins.length === 0 ? (
        <p class="muted small">{x.pinsEmpty}</p>
      ) : (
        <ul class="records">
          {p.pins.map((pin) => (
            <li class="record spread">
              <div>
                <p>{x.pinLine(pin.talentName, pin.positionTitle, pin.employerName)}</p>
                <p class="muted small">
                  {x.pinReasonLabel}：{pin.reason}
                </p>
              </div>
              {open && (
                <form method="post" action={`${base}/pins/${pin.talentId}/remove`} class="inline">
                  <button type="submit" class="small danger">
                    {x.unpin}
                    <span class="visually-hidden"> · {pin.talentName}</span>
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {open && p.options && (
        <>
          <h3 class="mt-24">{x.pinAddTitle}</h3>
          <form method="get" action={`${base}#pins`} class="form-grid two">
            <TextField name="pinTalent" idPrefix="pin-find" type="search" label={x.pinFindTalent} maxlength={PIN_QUERY_MAX} value={p.query.talent} />
            <TextField name="pinPost" idPrefix="pin-find" type="search" label={x.pinFindPost} maxlength={PIN_QUERY_MAX} value={p.query.position} />
            <div class="form-actions">
              <button type="submit" class="small secondary">
                {x.pinFind}
              </button>
            </div>
          </form>
          <form method="post" action={`${base}/pins`} novalidate>
            <div class="form-grid two">
              {p.options.talents.length > 0 ? (
                <SelectField
                  name="talentId"
                  idPrefix="pin"
                  label={x.pinTalent}
                  required
                  empty={messages(p.lang === 'en' ? 'en' : 'zh').regionPicker.choose}
                  options={p.options.talents.map((t) => [t.id, t.name] as [string, string])}
                  values={values}
                  errors={p.failure?.errors}
                />
              ) : (
                <p class="muted small">{x.pinNoTalents}</p>
              )}
              {p.options.positions.length > 0 ? (
                <SelectField
                  name="positionId"
                  idPrefix="pin"
                  label={x.pinPost}
                  required
                  empty={messages(p.lang === 'en' ? 'en' : 'zh').regionPicker.choose}
                  options={p.options.positions.map((o) => [o.id, `${o.title} · ${o.employerName} · ${o.regionName} · ${x.pinSeats(o.seats)}`] as [string, string])}
                  values={values}
                  errors={p.failure?.errors}
                />
              ) : (
                <p class="muted small">{x.pinNoPosts}</p>
              )}
              <TextField name="reason" idPrefix="pin" label={x.pinReason} hint={x.pinReasonHint} required maxlength={200} wide values={values} errors={p.failure?.errors} />
            </div>
            <div class="form-actions">
              <button type="submit" disabled={p.options.talents.length === 0 || p.options.positions.length === 0}>
                {x.pinButton}
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}

/** Pin refusals (worded by their codes, web/i18n/fields.ts): one about the round itself is the summary. */
function translatePinErrors(errors: FormErrors): FormErrors {
  return { fields: errors.fields, summary: errors.fields.roundId ?? errors.summary };
}

// ---------------------------------------------------------------- notices (talent)

export function NoticeList({ notices, lang }: { notices: RoundNoticeDto[]; lang: string }) {
  const x = textOf(lang);
  if (notices.length === 0) return null;
  return (
    <section class="notice info" id="round-notices" aria-label={x.followUpNotice}>
      {notices.map((n) => (
        <div class="spread">
          <p>
            <strong>{x.followUpNotice}</strong> · {x.followUpNoticeRound(n.roundName)} · <a href={`#round-${n.roundId}`}>{x.followUpOpen}</a>
          </p>
          <form method="post" action={`/me/rounds/${n.roundId}/notice/dismiss`} class="inline">
            <button type="submit" class="small secondary">
              {x.dismiss}
            </button>
          </form>
        </div>
      ))}
    </section>
  );
}

// ---------------------------------------------------------------- form posts

type PinFailurePage = (c: WebContext, id: string, failure: { form: 'pins'; errors: FormErrors; values?: FormValues }, status: number) => Promise<Response>;
type MyRoundsFailurePage = (c: WebContext, failure: { roundId: string; errors: FormErrors; values: FormValues }, status: number) => Promise<Response>;

export function registerExtensionPages(pages: Hono<AppEnv>, roundPage: PinFailurePage, myRoundsPage: MyRoundsFailurePage): void {
  pages.post('/department/rounds/:id/pins', async (c) => {
    const { m, deps, user } = page(c);
    const id = c.req.param('id');
    const form = await readForm(c);
    const input = { talentId: text(form, 'talentId'), positionId: text(form, 'positionId'), reason: text(form, 'reason') };
    const out = await submit(m, PinBody, input, (d) => addPin(deps, user, id, d));
    if (!out.ok) return roundPage(c, id, { form: 'pins', errors: translatePinErrors(out.errors), values: form }, out.status);
    return redirectWith(c, `/department/rounds/${id}#pins`, 'pinAdded');
  });

  pages.post('/department/rounds/:id/pins/:talentId/remove', async (c) => {
    const { m, deps, user } = page(c);
    const id = c.req.param('id');
    const out = await run(m, () => removePin(deps, user, id, c.req.param('talentId')));
    if (!out.ok) return roundPage(c, id, { form: 'pins', errors: translatePinErrors(out.errors) }, out.status);
    return redirectWith(c, `/department/rounds/${id}#pins`, 'pinRemoved');
  });

  pages.post('/me/rounds/:id/adjustment', async (c) => {
    const { m, lang, deps, user } = page(c);
    const id = c.req.param('id');
    const form = await readForm(c);
    const values = { ...form, form: 'adjustment' };
    const ticked = text(form, 'adjust') === 'yes';
    const regionCode = text(form, 'regionCode').trim();
    if (ticked && !regionCode) return myRoundsPage(c, { roundId: id, errors: { fields: { regionCode: textOf(lang).adjustRegionRequired }, summary: null }, values }, 422);
    const out = await submit(m, AdjustmentBody, { regionCode: ticked ? regionCode : null }, (d) => setMyAdjustment(deps, user, id, d.regionCode));
    if (!out.ok) return myRoundsPage(c, { roundId: id, errors: out.errors, values }, out.status);
    return redirectWith(c, `/me/rounds#round-${id}`, 'adjustmentSaved');
  });

  pages.post('/me/rounds/:id/notice/dismiss', async (c) => {
    const { m, deps, user } = page(c);
    const id = c.req.param('id');
    const out = await run(m, () => dismissNotice(deps, user, id));
    if (!out.ok) return myRoundsPage(c, { roundId: id, errors: out.errors, values: { form: 'notice' } }, out.status);
    return redirectWith(c, '/me/rounds', 'noticeDismissed');
  });
}
