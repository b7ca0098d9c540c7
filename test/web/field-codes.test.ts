// Field errors carry codes (issue 10 item 5): the API answers { path, code, params, message } with the
// English message, and the profile form shows the same problem in the page's language, worded from
// the code — a too-long name, an ID number with a wrong check character, an unknown region.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectProblem, makeTestApp, signedIn, type TestApp } from '../helpers/app';
import { idNumber } from '../helpers/ids';
import { profileBody } from '../helpers/builders';
import { webUser, type Fields } from './client';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

/** The error shown for an input: its <p class="field-error"> tied to the input by aria-describedby. */
function shownError(html: string, inputId: string): string | null {
  const m = html.match(new RegExp(`<p class="field-error" id="${inputId}-error">([^<]*)</p>`));
  return m ? m[1] : null;
}

const GOOD_ID = idNumber('150102', '1998-05-20');
/** The same ID number with another check character. */
const BAD_CHECK = GOOD_ID.slice(0, 17) + (GOOD_ID.endsWith('1') ? '2' : '1');
const LONG_NAME = '张'.repeat(51);

const form = (over: Fields = {}): Fields => ({
  name: '张伟',
  gender: 'male',
  ethnicity: '01',
  idNumber: GOOD_ID,
  phone: '13900001111',
  regionCode: '150102',
  'education.level': 'bachelor',
  'education.school': '内蒙古师范大学',
  'education.major': '社会工作',
  'education.graduationYear': '2024',
  'qualification.level': 'none',
  serviceAreas: ['elderly'],
  languages: ['mandarin'],
  preferredRegions: '1501',
  availability: 'available',
  visibility: 'employers',
  ...over,
});

// Each case: what the form posts, the input it names, and the API's field with its code and params.
const CASES = [
  { what: 'a name over 50 characters', over: { name: LONG_NAME }, api: { name: LONG_NAME }, input: 'f-name', path: 'name', code: 'max_chars', params: { n: 50 } },
  { what: 'an ID number with a wrong check character', over: { idNumber: BAD_CHECK }, api: { idNumber: BAD_CHECK }, input: 'f-idNumber', path: 'idNumber', code: 'id_check' },
  {
    what: 'an unknown region',
    over: { regionCode: '159999' },
    api: { regionCode: '159999' },
    input: 'f-regionCode',
    path: 'regionCode',
    code: 'region_unknown',
    params: { code: '159999' },
  },
] as const;

const SHOWN: Record<(typeof CASES)[number]['code'], { zh: string; en: string }> = {
  max_chars: { zh: '最多 50 个字符', en: 'At most 50 characters' },
  id_check: { zh: '身份证号校验码不正确', en: 'The check character of this ID number is wrong' },
  region_unknown: { zh: '未知的行政区划代码 159999', en: 'Unknown region code 159999' },
};

describe('field errors by code', () => {
  for (const c of CASES) {
    it(`the API names ${c.what} with its code, params and English message`, async () => {
      const g = await signedIn(t, 'graduate');
      const body = await expectProblem(await g.put('/api/v1/talents/me', profileBody(c.api)), 422, c.path);
      const e = (body.errors as { path: string; code: string; params?: Record<string, unknown>; message: string }[]).find((x) => x.path === c.path)!;
      expect(e.code).toBe(c.code);
      expect(e.params).toEqual('params' in c ? c.params : undefined);
      // The English message is the API's language, whatever the page shows.
      expect(e.message).toMatch(/^[\x20-\x7e]+$/);
      expect(body.detail).toContain(e.message);
    });

    for (const lang of ['zh', 'en'] as const) {
      it(`the profile form shows ${c.what} in ${lang}`, async () => {
        const g = await webUser(t, 'graduate');
        await g.get(`/?lang=${lang}`);
        const res = await g.post('/me/profile', form(c.over));
        expect(res.status).toBe(422);
        const html = await res.text();
        expect(shownError(html, c.input)).toBe(SHOWN[c.code][lang]);
        expect(html).not.toContain(BAD_CHECK); // an ID number is never echoed back
      });
    }
  }

  it('a message the catalogue does not know is shown as the English message', async () => {
    const { fieldMessage, messages } = await import('../../web/i18n');
    for (const lang of ['zh', 'en'] as const) {
      expect(fieldMessage(messages(lang), { code: 'no_such_code', message: 'is odd' })).toBe('is odd');
      expect(fieldMessage(messages(lang), { message: 'stored before codes' })).toBe('stored before codes');
    }
  });
});
