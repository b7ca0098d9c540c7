// Every code a schema or service can emit has a text in both languages (walking the code list of
// src/lib/field-codes.ts, which fieldError(), fieldIssue() and the zod mapping are typed against),
// and the zod mapping gives real schemas' issues the codes and params their texts need.
import type { z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { PROBLEM_REASONS, zodIssuesToErrors, type FieldError } from '../../src/lib/errors';
import { FIELD_CODES, FIELD_MESSAGES, fieldText } from '../../src/lib/field-codes';
import { EmployerInput } from '../../src/employers';
import { PositionInput } from '../../src/positions';
import { MonthlyQuery } from '../../src/statistics';
import { TalentProfileInput } from '../../src/talents';
import { PositionSearchParams } from '../../src/search-api/search.schemas';
import { messages, type Lang } from '../../web/i18n';
import { idNumber } from '../helpers/ids';

const LANGS: Lang[] = ['zh', 'en'];
const placeholders = (s: string) => new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));

describe('the field code catalogue', () => {
  it('has a text for every code in both languages, using only params the English text has', () => {
    expect(FIELD_CODES.length).toBeGreaterThan(50);
    for (const code of FIELD_CODES) {
      expect(code).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
      const english = placeholders(FIELD_MESSAGES[code]);
      for (const lang of LANGS) {
        const text = messages(lang).fields[code];
        expect(typeof text === 'string' && text.trim().length > 0, `${lang} text of ${code}`).toBe(true);
        for (const p of placeholders(text)) expect(english.has(p), `${lang} text of ${code} uses {${p}}, which the English text does not carry`).toBe(true);
      }
    }
  });

  it('has no page text for a code that does not exist', () => {
    for (const lang of LANGS) expect(Object.keys(messages(lang).fields).sort()).toEqual([...FIELD_CODES].sort());
  });

  it('words every problem reason in both languages', () => {
    for (const reason of PROBLEM_REASONS) for (const lang of LANGS) expect(messages(lang).problems[reason]).toBeTruthy();
  });

  it('fills params into the English text', () => {
    for (const code of FIELD_CODES) {
      const params = Object.fromEntries([...placeholders(FIELD_MESSAGES[code])].map((p) => [p, `<${p}>`]));
      const text = fieldText(code, params);
      expect(text).not.toMatch(/\{\w+\}/);
      for (const p of Object.keys(params)) expect(text).toContain(`<${p}>`);
    }
  });
});

/** The field errors of `input` against `schema`, as the API's default hook makes them. */
function errorsOf(schema: z.ZodType, input: unknown): FieldError[] {
  const r = schema.safeParse(input);
  if (r.success) throw new Error('expected the input to fail');
  return zodIssuesToErrors(r.error.issues, input);
}
const at = (errors: FieldError[], path: string) => errors.find((e) => e.path === path);

const ID = idNumber('150102', '1998-05-20');
const profile = (over: Record<string, unknown> = {}) => ({
  name: '李娜',
  gender: 'female',
  ethnicity: '02',
  idNumber: ID,
  phone: '13812345678',
  regionCode: '150102',
  education: { level: 'bachelor', school: '内蒙古大学', major: '社会工作', graduationYear: 2020 },
  qualification: { level: 'none' },
  serviceAreas: ['elderly'],
  languages: ['mandarin'],
  preferredRegions: ['1501'],
  availability: 'available',
  visibility: 'employers',
  ...over,
});

describe('zod issues become codes', () => {
  it('gives every issue of a badly filled profile a known code with a text in both languages', () => {
    const errors = errorsOf(TalentProfileInput, {
      ...profile(),
      name: '',
      phone: '12345',
      regionCode: 'x',
      idNumber: `${ID.slice(0, 17)}${ID.endsWith('1') ? '2' : '1'}`,
      education: { level: 'nope', school: 'a\u200bb', major: '社会\n工作', graduationYear: 1800.5 },
      qualification: { level: 'assistant', year: 2020 },
      serviceAreas: ['elderly', 'elderly'],
      languages: 'mandarin',
    });
    expect(errors.length).toBeGreaterThan(8);
    for (const e of errors) {
      expect(FIELD_CODES).toContain(e.code);
      for (const lang of LANGS) expect(messages(lang).fields[e.code]).toBeTruthy();
    }
    expect(at(errors, 'name')?.code).toBe('required');
    expect(at(errors, 'phone')?.code).toBe('mobile');
    expect(at(errors, 'regionCode')?.code).toBe('region_code');
    expect(at(errors, 'idNumber')?.code).toBe('id_check');
    expect(at(errors, 'education.level')?.code).toBe('option');
    expect(at(errors, 'education.school')?.code).toBe('invisible_chars');
    expect(at(errors, 'education.major')?.code).toBe('one_line');
    expect(at(errors, 'education.graduationYear')?.code).toBe('integer');
    expect(at(errors, 'qualification.certificateNumber')?.code).toBe('cert_required');
    expect(at(errors, 'serviceAreas.1')).toMatchObject({ code: 'listed_twice', params: { value: 'elderly' }, message: 'elderly is listed twice' });
    expect(at(errors, 'languages')?.code).toBe('list');
  });

  it("keeps the schema's English message and takes the params from the issue", () => {
    const errors = errorsOf(TalentProfileInput, profile({ name: '张'.repeat(51), education: { level: 'bachelor', school: 'x', major: 'y', graduationYear: 1900 } }));
    expect(at(errors, 'name')).toEqual({ path: 'name', code: 'max_chars', params: { n: 50 }, message: 'must be at most 50 characters' });
    expect(at(errors, 'education.graduationYear')).toMatchObject({ code: 'min_number', params: { n: 1950 }, message: 'must be 1950 or later' });
  });

  it('calls a missing field required, whatever the schema says about a wrong one', () => {
    const { name: _name, ...noName } = profile();
    expect(at(errorsOf(TalentProfileInput, noName), 'name')?.code).toBe('required');
    // closesOn's schema says "must be a date YYYY-MM-DD"; left out, it is required.
    expect(at(errorsOf(PositionInput, { opensOn: '2026-01-01' }), 'closesOn')).toMatchObject({ code: 'required', message: 'must be a date YYYY-MM-DD' });
  });

  it('maps custom refinements, regular expressions and bounds of other features', () => {
    const employer = errorsOf(EmployerInput, { name: 'x', creditCode: '91150100MA0N1234X', type: 'school', regionCode: '15', contactPhone: '12' });
    expect(at(employer, 'creditCode')?.code).toBe('credit_length');
    expect(at(employer, 'contactPhone')?.code).toBe('contact_phone');
    expect(at(errorsOf(MonthlyQuery, { from: '2026-05', to: '2025-13' }), 'to')?.code).toBe('month');
    expect(at(errorsOf(MonthlyQuery, { from: '2026-05', to: '2025-01' }), 'from')?.code).toBe('not_after_to');
    const search = errorsOf(PositionSearchParams, { serviceArea: 'nope', bogus: '1', page: '0' });
    expect(at(search, 'serviceArea')).toMatchObject({ code: 'unknown_value' });
    expect(at(search, 'bogus')?.code).toBe('unknown_parameter');
    expect(at(search, 'page')).toMatchObject({ code: 'min_number', params: { n: 1 } });
  });

  it('an unknown kind of issue is "invalid", never a missing code', () => {
    const errors = zodIssuesToErrors([{ code: 'invalid_union', path: ['x'], message: 'Invalid input' }]);
    expect(errors).toEqual([{ path: 'x', code: 'invalid', message: 'Invalid input' }]);
  });
});
