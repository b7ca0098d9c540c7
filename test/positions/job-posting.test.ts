import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jobPostingScript, toJobPosting, type JobPostingPosition } from '../../src/positions/job-posting';
import { getPositionForViewer } from '../../src/positions/positions.service';
import { makeTestApp, type TestApp } from '../helpers/app';
import { makeEmployer, makePosition } from '../helpers/builders';

const position: JobPostingPosition = {
  id: 'k2m4q7x9p3r5t6v8',
  title: '社区工作者（养老服务方向）',
  description: '负责社区老年人走访、个案管理与小组活动。',
  publishedAt: '2026-05-31T17:30:00.000Z', // 2026-06-01 01:30 in China
  opensOn: '2026-06-01',
  closesOn: '2026-07-31',
  seats: 3,
  employmentType: 'FULL_TIME',
  salary: { min: 3500, max: 5000 },
};
const employer = { name: '新城区海拉尔东路街道社会工作服务站', creditCode: '52150102MJ0000001Q' };
const township = { code: '150102001', name: '海拉尔东路街道', fullName: '内蒙古自治区呼和浩特市新城区海拉尔东路街道', provinceName: '内蒙古自治区' };

describe('toJobPosting', () => {
  it('maps a position to schema.org JobPosting JSON-LD', () => {
    expect(toJobPosting(position, employer, township)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'JobPosting',
      title: '社区工作者（养老服务方向）',
      description: '负责社区老年人走访、个案管理与小组活动。',
      identifier: { '@type': 'PropertyValue', name: employer.name, value: 'k2m4q7x9p3r5t6v8' },
      datePosted: '2026-06-01',
      validThrough: '2026-07-31T23:59:59+08:00',
      employmentType: 'FULL_TIME',
      totalJobOpenings: 3,
      hiringOrganization: {
        '@type': 'Organization',
        name: employer.name,
        identifier: { '@type': 'PropertyValue', propertyID: '统一社会信用代码', value: '52150102MJ0000001Q' },
      },
      jobLocation: {
        '@type': 'Place',
        address: { '@type': 'PostalAddress', addressRegion: '内蒙古自治区', addressLocality: '呼和浩特市新城区海拉尔东路街道', addressCountry: 'CN' },
      },
      baseSalary: {
        '@type': 'MonetaryAmount',
        currency: 'CNY',
        value: { '@type': 'QuantitativeValue', minValue: 3500, maxValue: 5000, unitText: 'MONTH' },
      },
    });
  });

  it('leaves out the salary when there is none, and the locality for a province-wide post', () => {
    const p = toJobPosting({ ...position, salary: null, publishedAt: null }, employer, {
      code: '15',
      name: '内蒙古自治区',
      fullName: '内蒙古自治区',
      provinceName: '内蒙古自治区',
    });
    expect(p).not.toHaveProperty('baseSalary');
    expect(p.datePosted).toBe('2026-06-01');
    expect(p.jobLocation).toEqual({ '@type': 'Place', address: { '@type': 'PostalAddress', addressRegion: '内蒙古自治区', addressCountry: 'CN' } });
  });

  it('embeds safely in a script element', () => {
    const text = jobPostingScript(toJobPosting({ ...position, title: '</script><script>alert(1)</script>' }, employer, township));
    expect(text).not.toContain('<');
    expect(JSON.parse(text).title).toBe('</script><script>alert(1)</script>');
  });
});

describe('getPositionForViewer', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp();
  });
  afterEach(() => t.close());

  it('gives the web page the JSON-LD of a stored position', async () => {
    const { client, creditCode } = await makeEmployer(t);
    const id = await makePosition(client);
    const { position: dto, jobPosting, isOwner } = await getPositionForViewer(t.deps, null, id);
    expect(isOwner).toBe(false);
    expect(jobPosting).toMatchObject({
      title: dto.title,
      datePosted: '2026-06-01',
      validThrough: '2026-07-31T23:59:59+08:00',
      hiringOrganization: { name: dto.employerName, identifier: { value: creditCode } },
      jobLocation: { address: { addressRegion: '内蒙古自治区', addressLocality: '呼和浩特市新城区海拉尔东路街道' } },
      baseSalary: { value: { minValue: 3500, maxValue: 5000, unitText: 'MONTH' } },
    });
  });
});
