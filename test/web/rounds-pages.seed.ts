// A small county for placement-round tests (web and browser): a county department (新城区, 150102),
// two verified employers with one open post each, and three graduates — one of them directed (an
// agreement awaiting placement targeted at the county), one eligible for no post. Made through the
// services, as people would make them.
import type { AppDeps, SessionUser } from '../../src/lib/context';
import { registerEmployer, verifyEmployer } from '../../src/employers/employers.service';
import { createPosition, publishPosition } from '../../src/positions/positions.service';
import { saveOwnProfile } from '../../src/talents/talents.service';
import { TalentProfileInput } from '../../src/talents/talents.schemas';
import { createAgreement } from '../../src/agreements/agreements.service';
import { chinaToday } from '../../src/lib/dates';
import { account } from '../e2e/seed';
import { creditCode } from '../helpers/ids';

const plusDays = (day: string, n: number) => new Date(Date.parse(day) + n * 86400_000).toISOString().slice(0, 10);

export async function graduate(deps: AppDeps, email: string, profile: Record<string, unknown>): Promise<{ user: SessionUser; talentId: string }> {
  const user = await account(deps, 'graduate', email, String(profile.name));
  const saved = await saveOwnProfile(deps, user, TalentProfileInput.parse({ regionCode: '150102', ...profile }));
  return { user, talentId: saved.profile.id };
}

export async function seedCounty(deps: AppDeps, tag = '') {
  const today = chinaToday(deps.now());
  const dept = await account(deps, 'department', `county${tag}@example.cn`, '新城区社会工作部', '150102');
  const orgs = [
    { email: `station-a${tag}@example.cn`, name: '海拉尔东路街道社会工作服务站', region: '150102001' },
    { email: `station-b${tag}@example.cn`, name: '锡林北路街道社会工作服务站', region: '150102002' },
  ];
  const employers: SessionUser[] = [];
  for (const o of orgs) {
    const u = await account(deps, 'employer', o.email, o.name.slice(0, 20));
    const e = await registerEmployer(deps, u, {
      name: o.name,
      creditCode: creditCode('150102'),
      type: 'station',
      regionCode: o.region,
      address: '呼和浩特市新城区',
      contactName: '王敏',
      contactPhone: '0471-6901234',
      description: '乡镇（街道）社会工作服务站。',
    });
    await verifyEmployer(deps, dept, e.id, null);
    employers.push(u);
  }
  const common = { employmentType: 'FULL_TIME' as const, salary: { min: 4000, max: 5000 }, opensOn: today, closesOn: plusDays(today, 30), description: '服务社区居民。' };
  const elderly = await createPosition(deps, employers[0], {
    ...common,
    title: '社区养老服务社工',
    kind: 'community_worker',
    regionCode: '150102001',
    seats: 2,
    reservedSeats: 1,
    requirements: { minEducation: 'bachelor', minQualification: 'assistant', serviceAreas: ['elderly', 'community'], languages: ['mandarin'] },
  });
  await publishPosition(deps, employers[0], elderly.id);
  const children = await createPosition(deps, employers[1], {
    ...common,
    title: '儿童关爱社工',
    kind: 'station_worker',
    regionCode: '150102002',
    seats: 2,
    reservedSeats: 0,
    requirements: { minEducation: 'associate', minQualification: 'none', serviceAreas: ['children', 'assistance'], languages: ['mandarin', 'mongolian'] },
  });
  await publishPosition(deps, employers[1], children.id);

  const qualified = { level: 'assistant', certificateNumber: 'ZL2025150001', year: 2025, registrationValidUntil: '2028-06-30' };
  const lina = await graduate(deps, `lina${tag}@example.cn`, {
    name: '李娜',
    education: { level: 'bachelor', school: '内蒙古大学', major: '社会工作', graduationYear: 2025 },
    qualification: qualified,
    serviceAreas: ['elderly', 'community', 'family'],
    languages: ['mandarin', 'mongolian'],
    preferredRegions: ['150102'],
  });
  const zhao = await graduate(deps, `zhaomin${tag}@example.cn`, {
    name: '赵敏',
    education: { level: 'bachelor', school: '内蒙古师范大学', major: '社会工作', graduationYear: 2025 },
    qualification: { ...qualified, certificateNumber: 'ZL2025150002' },
    serviceAreas: ['elderly', 'community'],
    languages: ['mandarin', 'mongolian'],
  });
  const wang = await graduate(deps, `wangqiang${tag}@example.cn`, {
    name: '王强',
    education: { level: 'bachelor', school: '内蒙古大学', major: '社会学', graduationYear: 2025 },
    serviceAreas: ['youth'],
    languages: ['mandarin'],
  });
  const agreement = await createAgreement(deps, dept, {
    talentId: zhao.talentId,
    targetRegionCode: '150102',
    institution: '内蒙古师范大学',
    enrolmentYear: 2021,
    graduationYear: 2025,
    serviceYears: 3,
    signedOn: '2021-08-20',
    status: 'awaiting_placement',
  });
  return { dept, employers, positions: { elderly, children }, talents: { lina, zhao, wang }, agreement };
}
