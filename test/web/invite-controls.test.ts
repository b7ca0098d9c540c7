// The employer's invite control on the candidates page: offered only for talents who are looking for
// a post, with the reason where it is not; the API's candidates carry the availability, and the
// invite endpoint refuses a talent who is not looking. The choice of posts names each by its title,
// place and closing date. A refused invitation goes back to the page it came from (a path of this
// site only) and says why there, once, in the page's language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../src/auth/auth.service';
import { createPosition, getPositionForViewer, publishPosition } from '../../src/positions';
import { getOwnProfile, saveOwnProfile } from '../../src/talents';
import { Client, expectProblem, makeTestApp, type TestApp } from '../helpers/app';
import { idNumber } from '../helpers/ids';
import { unchangedTables } from '../helpers/matrix';
import { PASSWORD, account, seedDemo } from '../e2e/seed';
import { signInAs } from './client';

let t: TestApp;
let seeded: Awaited<ReturnType<typeof seedDemo>>;
const talentIds: Record<string, string> = {};

/** A graduate living beside the seeded posts, with the services they ask for, and `availability`. */
async function graduate(email: string, name: string, availability: string, serial: string) {
  const user = await account(t.deps, 'graduate', email, name);
  const saved = await saveOwnProfile(t.deps, user, {
    name,
    gender: 'female',
    birthDate: null,
    ethnicity: '01',
    idNumber: idNumber('150102', '1998-05-01', serial),
    phone: null,
    regionCode: '150102',
    education: { level: 'bachelor', school: '内蒙古师范大学', major: '社会工作', graduationYear: 2024 },
    qualification: { level: 'assistant', certificateNumber: null, year: 2024, registrationValidUntil: null },
    serviceAreas: ['elderly', 'community'],
    languages: ['mandarin'],
    preferredRegions: ['150102'],
    availability: availability as 'available',
    visibility: 'employers',
  });
  talentIds[name] = saved.profile.id;
}

async function apiAs(email: string): Promise<Client> {
  const c = new Client(t);
  c.token = (await signIn(t.deps, email, PASSWORD, 'invite-controls')).token;
  return c;
}

beforeAll(async () => {
  t = await makeTestApp();
  seeded = await seedDemo(t.deps);
  talentIds['李娜'] = (await getOwnProfile(t.deps, seeded.grad))!.id;
  await graduate('later@example.cn', '赵雪', 'later', '211');
  await graduate('employed@example.cn', '钱峰', 'employed', '232');
  await graduate('resting@example.cn', '孙丽', 'unavailable', '243');
});
afterAll(() => t.close());

/** The candidate's record on the page. */
const recordOf = (html: string, talentId: string) => {
  const from = html.indexOf(`id="candidate-${talentId}"`);
  expect(from).toBeGreaterThan(0);
  const next = html.indexOf('<li class="record"', from);
  return html.slice(from, next > 0 ? next : html.indexOf('</ol>', from));
};

describe('candidates: who can be invited', () => {
  it('offers the invite control only to talents who are looking, and says why not for the others', async () => {
    const employer = await signInAs(t, 'org0@example.cn');
    const path = `/employer/positions/${seeded.positions[0].id}/candidates`;
    const zh = await employer.html(path);
    for (const name of ['赵雪', '李娜']) expect(recordOf(zh, talentIds[name])).toContain('action="/employer/invitations"');
    const employed = recordOf(zh, talentIds['钱峰']);
    expect(employed).not.toContain('action="/employer/invitations"');
    expect(employed).toContain('<span class="badge neutral">在职</span>');
    expect(employed).toContain('该人才目前“在职”，不能邀请报名。');
    const resting = recordOf(zh, talentIds['孙丽']);
    expect(resting).not.toContain('action="/employer/invitations"');
    expect(resting).toContain('该人才目前“暂不求职”，不能邀请报名。');
    expect(recordOf(zh, talentIds['赵雪'])).toContain('<span class="badge info">近期可到岗</span>');
    const en = await employer.html(`${path}?lang=en`);
    expect(recordOf(en, talentIds['孙丽'])).toContain('Cannot be invited (availability: Not looking).');
  });

  it('gives the availability in the API’s candidates, and the invite endpoint refuses those not looking', async () => {
    const api = await apiAs('org0@example.cn');
    const positionId = seeded.positions[0].id;
    const body = (await (await api.get(`/api/v1/positions/${positionId}/candidates?limit=50`)).json()) as { items: { talent: { id: string; availability: string } }[] };
    const availability = new Map(body.items.map((i) => [i.talent.id, i.talent.availability]));
    expect(availability.get(talentIds['钱峰'])).toBe('employed');
    expect(availability.get(talentIds['孙丽'])).toBe('unavailable');
    expect(availability.get(talentIds['赵雪'])).toBe('later');
    await unchangedTables(t, ['invitations', 'notifications'], async () => {
      for (const name of ['钱峰', '孙丽']) {
        const p = await expectProblem(await api.post('/api/v1/invitations', { talentId: talentIds[name], positionId }), 409, 'talentId');
        expect(p.errors?.[0]).toMatchObject({ code: 'talent_not_seeking' });
      }
    });
    expect((await api.post('/api/v1/invitations', { talentId: talentIds['赵雪'], positionId })).status).toBe(201);
  });
});

describe('talent search: choosing the post to invite to', () => {
  it('names each post by title, place and closing date, so two posts of one title can be told apart', async () => {
    const [p1] = seeded.positions;
    const owner = seeded.employers[0];
    const { position } = await getPositionForViewer(t.deps, owner, p1.id);
    const twin = await createPosition(t.deps, owner, {
      title: position.title,
      kind: 'community_worker',
      regionCode: position.regionCode,
      seats: 1,
      reservedSeats: 0,
      requirements: { minEducation: 'bachelor', minQualification: 'none', serviceAreas: ['elderly'], languages: [] },
      salary: null,
      employmentType: 'FULL_TIME',
      description: '同名岗位，第二批招聘。',
      opensOn: position.opensOn,
      closesOn: '2026-06-20',
    });
    await publishPosition(t.deps, owner, twin.id);
    const employer = await signInAs(t, 'org0@example.cn');
    const html = await employer.html(`/talents/search?q=${encodeURIComponent('社会工作')}`);
    const select = html.match(new RegExp(`<select id="invite-${talentIds['李娜']}"[^>]*>([\\s\\S]*?)</select>`));
    expect(select).not.toBeNull();
    const options = [...select![1].matchAll(/<option value="([^"]+)">([^<]*)<\/option>/g)].map((o) => [o[1], o[2]]);
    const place = '海拉尔东路街道';
    expect(options).toContainEqual([p1.id, `${position.title}（${place}，${position.closesOn} 截止）`]);
    expect(options).toContainEqual([twin.id, `${position.title}（${place}，2026-06-20 截止）`]);
    // Never an id in what a person reads.
    for (const [id, text] of options) expect(text).not.toContain(id);
    const en = await employer.html(`/talents/search?q=${encodeURIComponent('社会工作')}&lang=en`);
    expect(en).toContain(`>${position.title} (Hailaerdonglu Subdistrict, closes 2026-06-20)</option>`);
  });
});

describe('a refused invitation', () => {
  const search = `/talents/search?q=${encodeURIComponent('社会工作')}`;
  const alertOf = (html: string) => html.match(/<div class="notice error" role="alert" id="flash-problem">([\s\S]*?)<\/div>/)?.[1] ?? null;

  it('goes back to the page it came from and says why there, once, changing nothing', async () => {
    const employer = await signInAs(t, 'org0@example.cn');
    const positionId = seeded.positions[0].id;
    const res = await unchangedTables(t, ['invitations', 'notifications'], () => employer.post('/employer/invitations', { talentId: talentIds['钱峰'], positionId, back: search }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(search);
    const html = await employer.html(search);
    expect(alertOf(html)).toBe('<p>邀请未发送。</p><p>该人才目前不求职或未向单位公开档案</p>');
    // Shown once: the next view of the page has no message.
    expect(alertOf(await employer.html(search))).toBeNull();
    // From the candidates page, back there.
    const candidates = `/employer/positions/${positionId}/candidates`;
    const again = await employer.post('/employer/invitations', { talentId: talentIds['孙丽'], positionId, back: candidates });
    expect(again.headers.get('location')).toBe(candidates);
    expect(alertOf(await employer.html(candidates))).toContain('该人才目前不求职或未向单位公开档案');
  });

  it('says it in English on an English page, and a success still says so', async () => {
    const employer = await signInAs(t, 'org0@example.cn');
    await employer.html(`${search}&lang=en`);
    const twinPost = seeded.positions[1].id;
    const ok = await employer.post('/employer/invitations', { talentId: talentIds['李娜'], positionId: twinPost, back: search });
    expect(ok.headers.get('location')).toBe(search);
    const sent = await employer.html(search);
    expect(alertOf(sent)).toBeNull();
    expect(sent).toContain('<div class="notice success" role="status">');
    const res = await employer.post('/employer/invitations', { talentId: talentIds['李娜'], positionId: twinPost, back: search });
    expect(res.status).toBe(303);
    expect(alertOf(await employer.html(search))).toBe('<p>The invitation was not sent.</p><p>You have already invited this person to this position</p>');
    await employer.html(`${search}&lang=zh`);
  });

  it('goes back only to a page of this site where invitations are made', async () => {
    const employer = await signInAs(t, 'org0@example.cn');
    const positionId = seeded.positions[0].id;
    for (const back of [
      'https://evil.example/x',
      '//evil.example/x',
      '/\\evil.example',
      'javascript:alert(1)',
      '/department/talents',
      '/sign-out',
      '',
      `/employer/${'x'.repeat(2001)}`,
    ]) {
      const res = await employer.post('/employer/invitations', { talentId: talentIds['钱峰'], positionId, back });
      expect(res.status, back).toBe(303);
      expect(res.headers.get('location'), back).toBe('/employer/positions');
    }
    expect(alertOf(await employer.html('/employer/positions'))).toContain('邀请未发送。');
    // A form without its post is refused the same way, naming the reason.
    const res = await employer.post('/employer/invitations', { talentId: talentIds['钱峰'], back: search });
    expect(res.headers.get('location')).toBe(search);
    expect(alertOf(await employer.html(search))).toBe('<p>邀请未发送。</p><p>必填</p>');
  });
});
