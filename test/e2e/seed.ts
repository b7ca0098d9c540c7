// Realistic records made through the services (for screenshots and as the backdrop of flows).
import type { AppDeps, SessionUser } from '../../src/lib/context';
import { createAccount } from '../../src/auth/auth.service';
import { registerEmployer, verifyEmployer } from '../../src/employers/employers.service';
import { createPosition, publishPosition } from '../../src/positions/positions.service';
import { saveOwnProfile } from '../../src/talents/talents.service';
import { apply } from '../../src/applications/applications.service';
import { creditCode, idNumber } from '../helpers/ids';
import { chinaToday } from '../../src/lib/dates';
import type { PositionInputData } from '../../src/positions/positions.schemas';

export const PASSWORD = 'correct horse battery';

export async function account(deps: AppDeps, role: SessionUser['role'], email: string, displayName: string, regionCode?: string): Promise<SessionUser> {
  return createAccount(deps, { email, password: PASSWORD, displayName, role, regionCode: regionCode ?? null });
}

const plusDays = (day: string, n: number) => new Date(Date.parse(day) + n * 86400_000).toISOString().slice(0, 10);

export async function seedDemo(deps: AppDeps) {
  const today = chinaToday(deps.now());
  const dept = await account(deps, 'department', 'dept@example.cn', '内蒙古自治区社会工作部', '15');
  const orgs = [
    { name: '呼和浩特市新城区海拉尔东路街道社会工作服务站', type: 'station' as const, region: '150102001' },
    { name: '包头市昆都仑区阳光社会工作服务中心', type: 'agency' as const, region: '150203' },
    { name: '鄂尔多斯市中心医院', type: 'hospital' as const, region: '150602' },
  ];
  const employers: SessionUser[] = [];
  for (const [i, o] of orgs.entries()) {
    const u = await account(deps, 'employer', `org${i}@example.cn`, o.name.slice(0, 20));
    const e = await registerEmployer(deps, u, {
      name: o.name,
      creditCode: creditCode(o.region.slice(0, 6)),
      type: o.type,
      regionCode: o.region,
      address: '内蒙古自治区某路 1 号',
      contactName: '王敏',
      contactPhone: '0471-6901234',
      description: '扎根基层，服务社区居民，开展老年人、儿童和困难群众服务。',
    });
    if (i < 2) await verifyEmployer(deps, dept, e.id, null);
    employers.push(u);
  }
  const base = (over: Partial<PositionInputData>): PositionInputData => ({
    title: '社区工作者（社会工作方向）',
    kind: 'community_worker',
    regionCode: '150102001',
    seats: 3,
    reservedSeats: 1,
    requirements: { minEducation: 'bachelor', minQualification: 'assistant', serviceAreas: ['elderly', 'community'], languages: ['mandarin'] },
    salary: { min: 4200, max: 5800 },
    employmentType: 'FULL_TIME',
    description: '负责社区老年人走访、个案管理与社区活动策划。\n要求：热爱基层工作，具备良好的沟通能力。',
    opensOn: today,
    closesOn: plusDays(today, 45),
    ...over,
  });
  const p1 = await createPosition(deps, employers[0], base({}));
  await publishPosition(deps, employers[0], p1.id);
  const p2 = await createPosition(
    deps,
    employers[0],
    base({
      title: '乡镇社工站驻站社工',
      kind: 'station_worker',
      seats: 2,
      reservedSeats: 0,
      requirements: { minEducation: 'associate', minQualification: 'none', serviceAreas: ['children', 'assistance'], languages: ['mandarin', 'mongolian'] },
      salary: null,
    }),
  );
  await publishPosition(deps, employers[0], p2.id);
  const p3 = await createPosition(
    deps,
    employers[1],
    base({
      title: '青少年服务项目社工',
      kind: 'agency_worker',
      regionCode: '150203',
      seats: 1,
      reservedSeats: 0,
      requirements: { minEducation: 'bachelor', minQualification: 'none', serviceAreas: ['youth', 'school'], languages: [] },
      salary: { min: 3800, max: 4500 },
      employmentType: 'CONTRACTOR',
    }),
  );
  await publishPosition(deps, employers[1], p3.id);
  await createPosition(deps, employers[1], base({ title: '禁毒社工（草稿）', kind: 'agency_worker', regionCode: '150203', seats: 1, reservedSeats: 0 }));

  const grad = await account(deps, 'graduate', 'grad@example.cn', '李娜');
  await saveOwnProfile(deps, grad, {
    name: '李娜',
    gender: 'female',
    birthDate: null,
    ethnicity: '02',
    idNumber: idNumber('150102', '1999-03-07', '123'),
    phone: '13800001234',
    regionCode: '150102',
    education: { level: 'bachelor', school: '内蒙古大学', major: '社会工作', graduationYear: 2025 },
    qualification: { level: 'assistant', certificateNumber: 'ZL2025150001', year: 2025, registrationValidUntil: '2028-06-30' },
    serviceAreas: ['elderly', 'community', 'family'],
    languages: ['mandarin', 'mongolian'],
    preferredRegions: ['1501', '150102'],
    availability: 'available',
    visibility: 'employers',
  });
  await apply(deps, grad, { positionId: p1.id, coverLetter: '我是社会工作专业应届毕业生，有两年社区志愿服务经历。' });
  return { dept, employers, grad, positions: [p1, p2, p3] };
}
