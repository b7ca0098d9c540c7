// The public position list and page, with the schema.org JobPosting JSON-LD.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app';
import { seedDemo } from '../e2e/seed';
import { createPosition, publishPosition } from '../../src/positions/positions.service';
import { WebClient } from './client';

let t: TestApp;
let seeded: Awaited<ReturnType<typeof seedDemo>>;
beforeEach(async () => {
  t = await makeTestApp();
  seeded = await seedDemo(t.deps);
});
afterEach(() => t.close());

function jsonLdBlocks(html: string): string[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => m[1]);
}

describe('position page', () => {
  it('embeds a JobPosting JSON-LD that parses and matches the page', async () => {
    const p = seeded.positions[0];
    const html = await new WebClient(t).html(`/positions/${p.id}`);
    const blocks = jsonLdBlocks(html);
    expect(blocks).toHaveLength(1);
    const ld = JSON.parse(blocks[0]);
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'JobPosting',
      title: p.title,
      employmentType: 'FULL_TIME',
      validThrough: `${p.closesOn}T23:59:59+08:00`,
      hiringOrganization: { '@type': 'Organization', name: '呼和浩特市新城区海拉尔东路街道社会工作服务站' },
      jobLocation: { '@type': 'Place', address: { addressRegion: '内蒙古自治区', addressCountry: 'CN' } },
      baseSalary: { currency: 'CNY', value: { minValue: 4200, maxValue: 5800, unitText: 'MONTH' } },
    });
    expect(ld.datePosted).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The page shows the same facts to people.
    expect(html).toContain('<h1>社区工作者（社会工作方向）</h1>');
    expect(html).toContain('内蒙古自治区呼和浩特市新城区海拉尔东路街道');
    expect(html).toContain('4,200–5,800 元/月');
    expect(html).toContain('本科');
    expect(html).toContain('助理社会工作师');
  });

  it('cannot be broken out of by a title or description holding </script>', async () => {
    const employer = seeded.employers[0];
    const evil = '</script><script>alert(1)</script><!--';
    const p = await createPosition(t.deps, employer, {
      title: `社工 ${evil}`,
      kind: 'other',
      regionCode: '150102001',
      seats: 1,
      reservedSeats: 0,
      requirements: { minEducation: null, minQualification: 'none', serviceAreas: [], languages: [] },
      salary: null,
      employmentType: 'PART_TIME',
      description: `描述 ${evil} \u2028 end`,
      opensOn: seeded.positions[0].opensOn,
      closesOn: seeded.positions[0].closesOn,
    });
    await publishPosition(t.deps, employer, p.id);
    const html = await new WebClient(t).html(`/positions/${p.id}`);
    expect(html).not.toContain('<script>alert(1)');
    const blocks = jsonLdBlocks(html);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).not.toContain('<');
    const ld = JSON.parse(blocks[0]);
    expect(ld.title).toBe(`社工 ${evil}`);
    expect(ld.description).toBe(`描述 ${evil} \u2028 end`);
    expect(ld.baseSalary).toBeUndefined();
    expect(html).toContain('&lt;/script&gt;'); // shown as text on the page
  });

  it('offers the apply form to a graduate with a profile and a sign-in link to others', async () => {
    const p = seeded.positions[1];
    const anon = await new WebClient(t).html(`/positions/${p.id}`);
    expect(anon).toContain(`/sign-in?next=${encodeURIComponent(`/positions/${p.id}`)}`);
    expect(anon).not.toContain(`action="/positions/${p.id}/apply"`);
  });

  it('in English', async () => {
    const html = await new WebClient(t).html(`/positions/${seeded.positions[0].id}?lang=en`);
    expect(html).toContain('Requirements');
    expect(html).toContain('Bachelor');
    expect(html).toContain('CNY 4,200–5,800 / month');
  });
});

describe('home page', () => {
  it('lists open positions as cards, drafts left out', async () => {
    const html = await new WebClient(t).html('/');
    expect(html).toContain('共 3 个开放岗位');
    expect(html).toContain('乡镇社工站驻站社工');
    expect(html).not.toContain('禁毒社工（草稿）');
  });

  it('filters by region subtree with drill-down, kind and employer type', async () => {
    const c = new WebClient(t);
    let html = await c.html('/?regionCode=1502');
    expect(html).toContain('共 1 个开放岗位');
    expect(html).toContain('青少年服务项目社工');
    expect(html).toContain('<option value="150203"'); // the cities' counties to drill into
    expect(html).toContain('href="/?regionCode=15"'); // and the way back up
    html = await c.html('/?kind=station_worker');
    expect(html).toContain('共 1 个开放岗位');
    html = await c.html('/?employerType=agency');
    expect(html).toContain('青少年服务项目社工');
    expect(html).not.toContain('乡镇社工站驻站社工');
    html = await c.html('/?serviceArea=children&regionCode=150102');
    expect(html).toContain('乡镇社工站驻站社工');
    expect(html).toContain('共 1 个开放岗位');
  });

  it('pages through the list', async () => {
    const employer = seeded.employers[0];
    for (let i = 0; i < 12; i++) {
      const p = await createPosition(t.deps, employer, {
        title: `岗位 ${i}`,
        kind: 'other',
        regionCode: '150102001',
        seats: 1,
        reservedSeats: 0,
        requirements: { minEducation: null, minQualification: 'none', serviceAreas: [], languages: [] },
        salary: null,
        employmentType: 'FULL_TIME',
        description: '描述',
        opensOn: seeded.positions[0].opensOn,
        closesOn: seeded.positions[0].closesOn,
      });
      await publishPosition(t.deps, employer, p.id);
    }
    const c = new WebClient(t);
    const first = await c.html('/');
    expect(first).toContain('第 1 / 2 页，共 15 条');
    expect(first).toContain('href="/?page=2"');
    const second = await c.html('/?page=2');
    expect(second).toContain('第 2 / 2 页，共 15 条');
    expect((second.match(/class="pos-card"/g) ?? []).length).toBe(3);
    // Past the last page: sent to the last page rather than shown an empty list.
    const beyond = await t.app.request('/?page=999');
    expect(beyond.status).toBe(302);
    expect(beyond.headers.get('location')).toBe('/?page=2');
  });

  it('shows a bad filter next to its control and lists without it', async () => {
    const html = await new WebClient(t).html('/?kind=astronaut&regionCode=99');
    expect(html).toContain('id="f-kind-error">请选择一个有效选项');
    expect(html).toContain('id="f-regionCode-error">未知的行政区划代码 99');
    expect(html).toContain('共 3 个开放岗位');
  });

  it('works without script: one GET form, every control labelled', async () => {
    const html = await new WebClient(t).html('/');
    expect(html).toContain('<form method="get" action="/">');
    // Script only enhances: no inline handlers, and the only script is the deferred file.
    expect(html).not.toMatch(/\son[a-z]+="/);
    expect([...html.matchAll(/<script[^>]*>/g)].map((m) => m[0])).toEqual(['<script src="/static/app.js" defer="">']);
    for (const [, id] of html.matchAll(/<(?:select|input|textarea)[^>]*\bid="([^"]+)"/g)) {
      expect(html, id).toContain(`for="${id}"`);
    }
  });
});
