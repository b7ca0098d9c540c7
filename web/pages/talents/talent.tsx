// A graduate's own talent profile: the summary and the form that edits it.
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { AVAILABILITY, EDUCATION_LEVELS, ETHNICITIES, GENDERS, LANGUAGES, QUALIFICATION_LEVELS, SERVICE_AREAS, VISIBILITY, label } from '../../../src/lib/vocab';
import { TalentProfileInput, type TalentDto } from '../../../src/talents';
import { getOwnProfile, saveOwnProfile } from '../../../src/talents';
import { CheckboxGroup, ErrorSummary, Fact, RegionField, RegionsField, SelectField, Tags, TextField, vocabOptions, idOf } from '../../components';
import { checked, codeList, num, optText, readForm, submit, text, type FormErrors, type FormValues } from '../../forms';
import { fmt, type Lang, type Messages } from '../../i18n';
import { day, page, render, type WebContext } from '../../page';
import { redirectWith } from '../../flash';
import { regionNameIn, regionNamesIn } from '../../../src/regions';
import { loadRegionPick, loadRegionsPick } from '../../regions';

export const talentsTalentPages = new Hono<AppEnv>();

const ethnicityOptions = (lang: Lang): [string, string][] =>
  Object.keys(ETHNICITIES)
    .sort()
    .map((code) => [code, label(ETHNICITIES, code, lang)]);

/** The profile as form values, named as the API's fields (dotted for nested objects). */
function profileValues(p: TalentDto | null): FormValues {
  if (!p) return { availability: 'available', visibility: 'employers', 'qualification.level': 'none' };
  const s = (v: string | number | null | undefined) => (v == null ? '' : String(v));
  return {
    name: p.name,
    gender: s(p.gender),
    birthDate: s(p.birthDate),
    ethnicity: s(p.ethnicity),
    phone: s(p.phone),
    regionCode: s(p.regionCode),
    'education.level': s(p.education?.level),
    'education.school': s(p.education?.school),
    'education.major': s(p.education?.major),
    'education.graduationYear': s(p.education?.graduationYear),
    'qualification.level': p.qualification.level,
    'qualification.certificateNumber': s(p.qualification.certificateNumber),
    'qualification.year': s(p.qualification.year),
    'qualification.registrationValidUntil': s(p.qualification.registrationValidUntil),
    serviceAreas: p.serviceAreas,
    languages: p.languages,
    preferredRegions: p.preferredRegions,
    availability: p.availability,
    visibility: p.visibility,
  };
}

/** The form as the object TalentProfileInput parses (the body of PUT /api/v1/talents/me). */
function profileInput(f: FormValues) {
  const edu = {
    level: optText(f, 'education.level'),
    school: optText(f, 'education.school'),
    major: optText(f, 'education.major'),
    graduationYear: num(f, 'education.graduationYear'),
  };
  const anyEducation = Object.values(edu).some((v) => v != null);
  return {
    name: text(f, 'name'),
    gender: optText(f, 'gender'),
    birthDate: optText(f, 'birthDate'),
    ethnicity: optText(f, 'ethnicity'),
    // Empty keeps the stored number; the remove box clears it.
    idNumber: checked(f, 'removeIdNumber') ? null : (optText(f, 'idNumber') ?? undefined),
    phone: optText(f, 'phone'),
    regionCode: text(f, 'regionCode').trim(),
    education: anyEducation ? { ...edu, level: edu.level ?? '' } : null,
    qualification: {
      level: text(f, 'qualification.level') || 'none',
      certificateNumber: optText(f, 'qualification.certificateNumber'),
      year: num(f, 'qualification.year'),
      registrationValidUntil: optText(f, 'qualification.registrationValidUntil'),
    },
    serviceAreas: [...new Set(codeListOf(f, 'serviceAreas'))],
    languages: [...new Set(codeListOf(f, 'languages'))],
    preferredRegions: codeList(f, 'preferredRegions'),
    availability: text(f, 'availability') || undefined,
    visibility: text(f, 'visibility') || undefined,
  };
}

function codeListOf(f: FormValues, name: string): string[] {
  const v = f[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function ProfileSummary({ p, m, lang, regionName, preferred }: { p: TalentDto; m: Messages; lang: Lang; regionName: string | null; preferred: Map<string, string> }) {
  const q = p.qualification;
  return (
    <section class="card" aria-labelledby="summary-title">
      <div class="spread">
        <h2 id="summary-title">{m.profile.summary}</h2>
        <span class="muted small">{fmt(m.common.updatedAt, { date: day(p.updatedAt) })}</span>
      </div>
      <dl class="facts">
        <Fact term={m.profile.name}>{p.name}</Fact>
        <Fact term={m.profile.gender}>{label(GENDERS, p.gender, lang) || m.common.notSet}</Fact>
        <Fact term={m.profile.birthDate}>{p.birthDate || m.common.notSet}</Fact>
        <Fact term={m.profile.ethnicity}>{label(ETHNICITIES, p.ethnicity, lang) || m.common.notSet}</Fact>
        <Fact term={m.profile.idMasked}>
          <span class="mono">{p.idNumberMasked || m.common.notSet}</span>
        </Fact>
        <Fact term={m.profile.phone}>{p.phone || m.common.notSet}</Fact>
        <Fact term={m.profile.region} wide>
          {regionName ?? m.common.notSet}
        </Fact>
        <Fact term={m.profile.education} wide>
          {p.education
            ? [label(EDUCATION_LEVELS, p.education.level, lang), p.education.school, p.education.major, p.education.graduationYear].filter(Boolean).join(' · ')
            : m.common.notSet}
        </Fact>
        <Fact term={m.profile.qualification} wide>
          {[label(QUALIFICATION_LEVELS, q.level, lang), q.certificateNumber, q.year, q.registrationValidUntil].filter(Boolean).join(' · ')}
        </Fact>
        <Fact term={m.profile.serviceAreas} wide>
          {p.serviceAreas.length ? <Tags codes={p.serviceAreas} vocab={SERVICE_AREAS} lang={lang} /> : m.common.notSet}
        </Fact>
        <Fact term={m.profile.languages} wide>
          {p.languages.length ? <Tags codes={p.languages} vocab={LANGUAGES} lang={lang} /> : m.common.notSet}
        </Fact>
        <Fact term={m.profile.preferredRegions} wide>
          {p.preferredRegions.length ? p.preferredRegions.map((c) => preferred.get(c) ?? c).join(m.common.listSep) : m.common.notSet}
        </Fact>
        <Fact term={m.profile.availability}>{label(AVAILABILITY, p.availability, lang)}</Fact>
        <Fact term={m.profile.visibility}>{label(VISIBILITY, p.visibility, lang)}</Fact>
      </dl>
    </section>
  );
}

async function profilePage(c: WebContext, form?: FormValues, errors?: FormErrors, status = 200) {
  const { m, lang, deps, user } = page(c);
  const profile = await getOwnProfile(deps, user);
  const values = form ?? profileValues(profile);
  const [regionName, regionPick, preferred, preferredPick] = await Promise.all([
    regionNameIn(deps, profile?.regionCode, lang),
    loadRegionPick(c, 'regionCode', text(values, 'regionCode')),
    regionNamesIn(deps, profile?.preferredRegions ?? [], lang),
    loadRegionsPick(c, 'preferredRegions', codeList(values, 'preferredRegions'), text(values, '_rpadd.preferredRegions')),
  ]);
  const opt = { values, errors };
  return render(
    c,
    m.profile.title,
    <>
      <div class="page-head">
        <h1>{m.profile.title}</h1>
        <p>{m.profile.lead}</p>
      </div>
      {profile ? (
        <ProfileSummary p={profile} m={m} lang={lang} regionName={regionName} preferred={preferred} />
      ) : (
        <div class="notice info">
          <p>{m.profile.none}</p>
        </div>
      )}
      <section class="card" aria-labelledby="edit-title">
        <h2 id="edit-title">{profile ? m.common.edit : m.profile.title}</h2>
        <ErrorSummary errors={errors} />
        <form method="post" action="/me/profile" novalidate>
          <fieldset>
            <legend>{m.profile.basics}</legend>
            <div class="form-grid two">
              <TextField name="name" label={m.profile.name} required autocomplete="name" maxlength={50} {...opt} />
              <SelectField name="gender" label={m.profile.gender} options={vocabOptions(GENDERS, lang)} empty={m.common.notSet} {...opt} />
              <TextField name="birthDate" type="date" label={m.profile.birthDate} hint={m.profile.birthDateHint} autocomplete="bday" {...opt} />
              <SelectField name="ethnicity" label={m.profile.ethnicity} options={ethnicityOptions(lang)} empty={m.common.notSet} {...opt} />
              <div class="field">
                <TextField
                  name="idNumber"
                  label={m.profile.idNumber}
                  hint={profile?.idNumberMasked ? `${m.profile.idNumberHint} · ${fmt(m.profile.idNumberStored, { masked: profile.idNumberMasked })}` : m.profile.idNumberHint}
                  autocomplete="off"
                  maxlength={18}
                  value={text(values, 'idNumber')}
                  errors={errors}
                />
                {profile?.idNumberMasked && (
                  <label class="check small" for={idOf('removeIdNumber')}>
                    <input type="checkbox" id={idOf('removeIdNumber')} name="removeIdNumber" value="on" checked={text(values, 'removeIdNumber') === 'on'} />
                    <span>{m.profile.removeIdNumber}</span>
                  </label>
                )}
              </div>
              <TextField name="phone" type="tel" label={m.profile.phone} autocomplete="tel" inputmode="numeric" maxlength={11} {...opt} />
              <RegionField name="regionCode" label={m.profile.region} required m={m} pick={regionPick} wide {...opt} />
            </div>
          </fieldset>
          <fieldset>
            <legend>{m.profile.education}</legend>
            <div class="form-grid two">
              <SelectField name="education.level" label={m.profile.educationLevel} options={vocabOptions(EDUCATION_LEVELS, lang)} empty={m.common.notSet} {...opt} />
              <TextField name="education.school" label={m.profile.school} maxlength={100} {...opt} />
              <TextField name="education.major" label={m.profile.major} maxlength={100} {...opt} />
              <TextField name="education.graduationYear" type="number" label={m.profile.graduationYear} inputmode="numeric" min={1950} max={2100} {...opt} />
            </div>
          </fieldset>
          <fieldset>
            <legend>{m.profile.qualification}</legend>
            <div class="form-grid two">
              <SelectField name="qualification.level" label={m.profile.qualificationLevel} options={vocabOptions(QUALIFICATION_LEVELS, lang)} {...opt} />
              <TextField name="qualification.certificateNumber" label={m.profile.certificateNumber} maxlength={40} {...opt} />
              <TextField name="qualification.year" type="number" label={m.profile.qualificationYear} inputmode="numeric" min={1950} max={2100} {...opt} />
              <TextField name="qualification.registrationValidUntil" type="date" label={m.profile.registrationValidUntil} {...opt} />
            </div>
          </fieldset>
          <div class="form-grid">
            <CheckboxGroup name="serviceAreas" label={m.profile.serviceAreas} options={vocabOptions(SERVICE_AREAS, lang)} {...opt} />
            <CheckboxGroup name="languages" label={m.profile.languages} options={vocabOptions(LANGUAGES, lang)} {...opt} />
          </div>
          <fieldset>
            <legend>{m.profile.preferences}</legend>
            <div class="form-grid two">
              <RegionsField name="preferredRegions" label={m.profile.preferredRegions} m={m} pick={preferredPick} wide {...opt} />
              <SelectField name="availability" label={m.profile.availability} options={vocabOptions(AVAILABILITY, lang)} {...opt} />
              <SelectField name="visibility" label={m.profile.visibility} options={vocabOptions(VISIBILITY, lang)} {...opt} />
            </div>
          </fieldset>
          <div class="form-actions">
            <button type="submit">{m.profile.saveButton}</button>
          </div>
        </form>
      </section>
    </>,
    status,
  );
}

talentsTalentPages.get('/me/profile', (c) => profilePage(c));

talentsTalentPages.post('/me/profile', async (c) => {
  const { m, deps, user } = page(c);
  const form = await readForm(c);
  const out = await submit(m, TalentProfileInput, profileInput(form), (d) => saveOwnProfile(deps, user, d), form);
  if (!out.ok) return profilePage(c, { ...form, idNumber: '' }, out.errors, out.status);
  return redirectWith(c, '/me/profile', 'profileSaved');
});
