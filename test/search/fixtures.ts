// Fixed search fixtures, written the way the features write (entity + outbox row in one atomic write),
// plus the local Meilisearch each test file starts through the real sidecar (never a mock).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../src/lib/database';
import { newId } from '../../src/lib/ids';
import { enqueueSearch } from '../../src/lib/outbox';
import { startMeiliSidecar, type MeiliSidecar } from '../../search/sidecar';

export const NOW = Date.parse('2026-06-01T08:00:00Z');

export interface TestMeili {
  sidecar: MeiliSidecar;
  dataDir: string;
  /** Stops the server (the data stays, for restart()). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  restart(): Promise<void>;
  /** Stops it and removes its data. */
  dispose(): Promise<void>;
}

export async function startTestMeili(): Promise<TestMeili> {
  const dataDir = mkdtempSync(join(tmpdir(), 'shegong-search-'));
  const logs: unknown[] = [];
  const start = async (port?: number) => {
    const s = await startMeiliSidecar({ dataDir, env: 'development', port, log: (e) => logs.push(e) });
    if (!s) throw new Error(`the local Meilisearch did not start: ${JSON.stringify(logs)}`);
    return s;
  };
  const m: TestMeili = {
    sidecar: await start(),
    dataDir,
    async stop() {
      await m.sidecar.stop();
    },
    async restart() {
      m.sidecar = await start(m.sidecar.port);
    },
    async dispose() {
      await m.sidecar.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return m;
}

let seq = 0;
const unique = () => (++seq).toString().padStart(6, '0');

export interface EmployerInput {
  name: string;
  type: string;
  regionCode: string;
  address?: string;
  contactPhone?: string;
}

export async function addEmployer(database: Database, e: EmployerInput): Promise<string> {
  const id = newId();
  const n = unique();
  await database.db
    .insertInto('employers')
    .values({
      id,
      name: e.name,
      credit_code: `91150100MA${n}XX`.slice(0, 18),
      type: e.type,
      region_code: e.regionCode,
      address: e.address ?? `内蒙古呼和浩特市某某路${n}号`,
      contact_name: '联系人',
      contact_phone: e.contactPhone ?? `0471${n.padStart(7, '0')}`,
      status: 'verified',
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  return id;
}

export interface PositionInput {
  employerId: string;
  employerType: string;
  title: string;
  description: string;
  kind: string;
  regionCode: string;
  serviceAreas?: string[];
  languages?: string[];
  status?: 'draft' | 'open' | 'closed';
  seats?: number;
  minEducation?: string | null;
  minQualification?: string;
  salaryMin?: number | null;
  salaryMax?: number | null;
  employmentType?: string;
  opensOn?: string;
  closesOn?: string;
  publishedAt?: number | null;
  updatedAt?: number;
}

export function positionWrite(database: Database, p: PositionInput, id = newId()) {
  const status = p.status ?? 'open';
  unique();
  const areas = p.serviceAreas ?? [];
  return {
    id,
    queries: [
      database.db
        .insertInto('positions')
        .values({
          id,
          employer_id: p.employerId,
          employer_type: p.employerType,
          title: p.title,
          kind: p.kind,
          region_code: p.regionCode,
          seats: p.seats ?? 1,
          reserved_seats: 0,
          min_education: p.minEducation === undefined ? 'associate' : p.minEducation,
          min_qualification: p.minQualification ?? 'none',
          service_areas: JSON.stringify(areas),
          languages: JSON.stringify(p.languages ?? ['mandarin']),
          salary_min: p.salaryMin === undefined ? 3500 : p.salaryMin,
          salary_max: p.salaryMax === undefined ? 5000 : p.salaryMax,
          employment_type: p.employmentType ?? 'FULL_TIME',
          description: p.description,
          opens_on: p.opensOn ?? '2026-05-01',
          closes_on: p.closesOn ?? '2026-07-31',
          status,
          published_at: p.publishedAt === undefined ? (status === 'draft' ? null : NOW - seq * 60_000) : p.publishedAt,
          created_at: NOW,
          updated_at: p.updatedAt ?? NOW,
        })
        .compile(),
      ...areas.map((area) => database.db.insertInto('position_service_areas').values({ area, position_id: id }).compile()),
      enqueueSearch(database, 'position', id, NOW),
    ],
  };
}

export async function addPosition(database: Database, p: PositionInput): Promise<string> {
  const w = positionWrite(database, p);
  await database.atomic(w.queries);
  return w.id;
}

export interface TalentInput {
  name: string;
  regionCode: string | null;
  school?: string;
  major?: string;
  education?: string | null;
  qualification?: string;
  serviceAreas?: string[];
  languages?: string[];
  availability?: string;
  visibility?: 'employers' | 'department';
  birthDate?: string;
  idNumber?: string;
  phone?: string;
  certificateNumber?: string;
  updatedAt?: number;
}

/** Private fields get distinctive values so the privacy test can look for them in the index. */
export function talentWrite(database: Database, t: TalentInput, id = newId()) {
  const n = unique();
  const idNumber = t.idNumber ?? `15010219950310${n.slice(-4)}`;
  return {
    id,
    queries: [
      database.db
        .insertInto('talents')
        .values({
          id,
          name: t.name,
          gender: 'female',
          birth_date: t.birthDate ?? '1995-03-10',
          ethnicity: '02',
          id_number_enc: `sealed:${idNumber}`,
          id_number_hmac: `hmac-${id}`,
          id_number_masked: `${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`,
          phone: t.phone ?? `139${n.padStart(8, '0')}`,
          region_code: t.regionCode,
          education_level: t.education === undefined ? 'bachelor' : t.education,
          school: t.school ?? null,
          major: t.major ?? null,
          graduation_year: 2018,
          qualification_level: t.qualification ?? 'none',
          certificate_number: t.certificateNumber ?? `ZS${n}2019`,
          qualification_year: 2019,
          registration_valid_until: '2027-12-31',
          service_areas: JSON.stringify(t.serviceAreas ?? []),
          languages: JSON.stringify(t.languages ?? ['mandarin']),
          preferred_regions: JSON.stringify(['1501']),
          availability: t.availability ?? 'available',
          visibility: t.visibility ?? 'employers',
          created_at: NOW,
          updated_at: t.updatedAt ?? NOW - seq * 1000,
        })
        .compile(),
      enqueueSearch(database, 'talent', id, NOW),
    ],
    idNumber,
  };
}

export async function addTalent(database: Database, t: TalentInput): Promise<string> {
  const w = talentWrite(database, t);
  await database.atomic(w.queries);
  return w.id;
}

export type Fixtures = Awaited<ReturnType<typeof seedFixtures>>;

/** The fixed data set of the relevance, scope and contract tests. */
export async function seedFixtures(database: Database) {
  const emp = {
    xinchengCommunity: await addEmployer(database, { name: '新城区海拉尔东路社区居委会', type: 'community', regionCode: '150102001' }),
    saihanWelfare: await addEmployer(database, { name: '赛罕区儿童福利服务中心', type: 'agency', regionCode: '150105' }),
    hospital: await addEmployer(database, { name: '内蒙古医科大学附属医院', type: 'hospital', regionCode: '150105002' }),
    baotouSchool: await addEmployer(database, { name: '包头市昆都仑区第一中学', type: 'school', regionCode: '150203' }),
    horqinStation: await addEmployer(database, { name: '科尔沁区西门街道社工站', type: 'station', regionCode: '150502002' }),
    saihanStreet: await addEmployer(database, { name: '赛罕区人民路街道办事处', type: 'community', regionCode: '150105001' }),
    baotouRehab: await addEmployer(database, { name: '包头市残疾人康复中心', type: 'agency', regionCode: '150207' }),
    xilinStation: await addEmployer(database, { name: '锡林浩特市希日塔拉街道社工站', type: 'station', regionCode: '152502001' }),
    shijiazhuang: await addEmployer(database, { name: 'Shijiazhuang Central Hospital', type: 'hospital', regionCode: '130102' }),
  };

  const P = async (key: string, p: PositionInput) => [key, await addPosition(database, p)] as const;
  const positions = Object.fromEntries([
    await P('elderlyCare', {
      employerId: emp.xinchengCommunity,
      employerType: 'community',
      title: '老年关怀社工',
      kind: 'community_worker',
      regionCode: '150102001',
      serviceAreas: ['elderly'],
      description: '为辖区独居老人提供定期探访、生活关怀和养老服务资源链接。',
      salaryMax: 5200,
    }),
    await P('children', {
      employerId: emp.saihanWelfare,
      employerType: 'agency',
      title: '儿童社会工作岗位',
      kind: 'agency_worker',
      regionCode: '150105',
      serviceAreas: ['children'],
      description: '开展困境儿童保护、家庭探访与个案管理。',
      salaryMax: 6000,
    }),
    await P('medical', {
      employerId: emp.hospital,
      employerType: 'hospital',
      title: '医务社工',
      kind: 'medical_worker',
      regionCode: '150105002',
      serviceAreas: ['medical'],
      description: '协助患者及家属应对疾病带来的困扰，链接救助资源。',
      minEducation: 'bachelor',
      minQualification: 'assistant',
      salaryMax: 7000,
    }),
    await P('school', {
      employerId: emp.baotouSchool,
      employerType: 'school',
      title: '驻校社工',
      kind: 'school_worker',
      regionCode: '150203',
      serviceAreas: ['school', 'youth'],
      description: '为在校学生提供学业适应支持与校园欺凌干预。',
      salaryMax: 4800,
    }),
    await P('station', {
      employerId: emp.horqinStation,
      employerType: 'station',
      title: '乡镇社工站社工',
      kind: 'station_worker',
      regionCode: '150502002',
      serviceAreas: ['assistance', 'elderly'],
      languages: ['mandarin', 'mongolian'],
      description: '负责社会救助对象走访、低保核查及高龄老年人关爱服务。',
      salaryMax: 4200,
    }),
    await P('community', {
      employerId: emp.saihanStreet,
      employerType: 'community',
      title: '社区治理专员',
      kind: 'community_worker',
      regionCode: '150105001',
      serviceAreas: ['community'],
      description: '组织居民议事协商，协调物业纠纷，推动基层治理创新。',
      salaryMax: 5000,
    }),
    await P('disability', {
      employerId: emp.baotouRehab,
      employerType: 'agency',
      title: '残障康复社工',
      kind: 'agency_worker',
      regionCode: '150207',
      serviceAreas: ['disability'],
      description: '为残疾人提供康复训练支持与就业辅导。',
      salaryMax: 5500,
    }),
    await P('drugs', {
      employerId: emp.xinchengCommunity,
      employerType: 'community',
      title: '禁毒社工',
      kind: 'community_worker',
      regionCode: '150102001',
      serviceAreas: ['drug_rehab'],
      description: '开展戒毒康复人员社区帮教与预防宣传。',
      salaryMax: 5100,
    }),
    await P('mental', {
      employerId: emp.saihanWelfare,
      employerType: 'agency',
      title: '心理健康服务社工',
      kind: 'agency_worker',
      regionCode: '150105',
      serviceAreas: ['mental_health'],
      description: '提供心理咨询、危机干预与情绪疏导。',
      salaryMax: 6500,
    }),
    await P('family', {
      employerId: emp.saihanWelfare,
      employerType: 'agency',
      title: '家庭综合服务社工',
      kind: 'agency_worker',
      regionCode: '150105',
      serviceAreas: ['family'],
      description: '婚姻家庭辅导、亲子关系改善与家暴预防。',
      salaryMax: 5800,
    }),
    await P('veterans', {
      employerId: emp.saihanStreet,
      employerType: 'community',
      title: '退役军人服务站社工',
      kind: 'community_worker',
      regionCode: '150105001',
      serviceAreas: ['veterans'],
      description: '为退役军人提供政策咨询、就业创业帮扶。',
      salaryMax: 4500,
    }),
    await P('volunteer', {
      employerId: emp.xinchengCommunity,
      employerType: 'community',
      title: '志愿服务协调员',
      kind: 'community_worker',
      regionCode: '150102001',
      serviceAreas: ['volunteer'],
      description: '招募与培训志愿者，统筹社区志愿活动。',
      employmentType: 'PART_TIME',
      salaryMax: 3000,
    }),
    await P('corrections', {
      employerId: emp.saihanStreet,
      employerType: 'community',
      title: '社区矫正社工',
      kind: 'community_worker',
      regionCode: '150105001',
      serviceAreas: ['corrections'],
      description: '协助司法所开展社区矫正对象教育帮扶。',
      salaryMax: 5000,
    }),
    await P('youth', {
      employerId: emp.baotouSchool,
      employerType: 'school',
      title: '青少年事务社工',
      kind: 'school_worker',
      regionCode: '150203',
      serviceAreas: ['youth'],
      description: '青少年成长辅导与违法犯罪预防。',
      salaryMax: 4700,
    }),
    await P('english', {
      employerId: emp.shijiazhuang,
      employerType: 'hospital',
      title: 'Medical Social Worker',
      kind: 'medical_worker',
      regionCode: '130102',
      serviceAreas: ['medical'],
      languages: ['mandarin', 'english'],
      description: 'Support patients and families during treatment.',
      salaryMax: 8000,
    }),
    await P('mongolian', {
      employerId: emp.xilinStation,
      employerType: 'station',
      title: '蒙汉双语社工',
      kind: 'station_worker',
      regionCode: '152502001',
      serviceAreas: ['assistance'],
      languages: ['mongolian', 'mandarin'],
      description: '需熟练使用蒙古语与牧民沟通，开展牧区走访。',
      salaryMax: 4600,
    }),
    await P('draft', {
      employerId: emp.xinchengCommunity,
      employerType: 'community',
      title: '老年日间照料中心社工（草稿）',
      kind: 'community_worker',
      regionCode: '150102001',
      serviceAreas: ['elderly'],
      description: '草稿岗位：老年日间照料。',
      status: 'draft',
    }),
    await P('expired', {
      employerId: emp.saihanStreet,
      employerType: 'community',
      title: '网格员（报名已截止）',
      kind: 'community_worker',
      regionCode: '150105001',
      serviceAreas: ['community'],
      description: '报名已于五月底截止。',
      closesOn: '2026-05-31',
    }),
    await P('closed', {
      employerId: emp.saihanWelfare,
      employerType: 'agency',
      title: '儿童之家社工（已结束）',
      kind: 'agency_worker',
      regionCode: '150105',
      serviceAreas: ['children'],
      description: '已结束招聘的儿童岗位。',
      status: 'closed',
      closesOn: '2026-05-20',
    }),
  ]) as Record<string, string>;

  // Filler posts for paging and facets: plain titles that no relevance case asks for.
  const kinds = ['community_worker', 'station_worker', 'agency_worker'] as const;
  const fillerRegions = ['150102002', '150203001', '150502001', '152502002', '130102001'];
  for (let i = 0; i < 16; i++) {
    await addPosition(database, {
      employerId: i % 2 ? emp.horqinStation : emp.saihanStreet,
      employerType: i % 2 ? 'station' : 'community',
      title: `基层服务岗（第${i + 1}批）`,
      kind: kinds[i % 3],
      regionCode: fillerRegions[i % fillerRegions.length],
      serviceAreas: i % 4 === 0 ? ['community', 'assistance'] : ['community'],
      languages: i % 5 === 0 ? ['mandarin', 'mongolian'] : ['mandarin'],
      description: '负责日常事务与居民走访。',
      salaryMin: i % 7 === 0 ? null : 3000,
      salaryMax: i % 7 === 0 ? null : 3200 + i * 100,
      minEducation: i % 3 === 0 ? null : 'secondary',
    });
  }

  const T = async (key: string, t: TalentInput) => [key, await addTalent(database, t)] as const;
  const talents = Object.fromEntries([
    await T('zhangwei', {
      name: '张伟',
      regionCode: '150102001',
      school: '内蒙古大学',
      major: '社会工作',
      education: 'bachelor',
      qualification: 'intermediate',
      serviceAreas: ['elderly', 'community'],
      birthDate: '1995-03-10',
    }),
    await T('wangxiuying', {
      name: '王秀英',
      regionCode: '150105',
      school: '内蒙古师范大学',
      major: '社会工作',
      education: 'master',
      qualification: 'senior',
      serviceAreas: ['children', 'family'],
      visibility: 'department',
      birthDate: '1988-11-02',
    }),
    await T('lina', {
      name: '李娜',
      regionCode: '150203',
      school: '包头医学院',
      major: '医学社会工作',
      education: 'bachelor',
      qualification: 'assistant',
      serviceAreas: ['medical', 'mental_health'],
      birthDate: '1998-07-21',
    }),
    await T('liuyang', {
      name: '刘洋',
      regionCode: '1505',
      school: '内蒙古民族大学',
      major: '社会学',
      education: 'bachelor',
      serviceAreas: ['youth', 'school'],
      languages: ['mongolian', 'mandarin'],
      birthDate: '2000-01-15',
    }),
    await T('chenjing', {
      name: '陈静',
      regionCode: '130102',
      school: '河北大学',
      major: '社会工作',
      education: 'bachelor',
      qualification: 'intermediate',
      serviceAreas: ['disability'],
      birthDate: '1992-05-05',
    }),
    await T('zhaolei', {
      name: '赵磊',
      regionCode: '150102',
      school: '呼和浩特职业学院',
      major: '社区管理与服务',
      education: 'associate',
      qualification: 'assistant',
      serviceAreas: ['community'],
      visibility: 'department',
      birthDate: '1999-09-09',
    }),
    await T('sunli', {
      name: '孙丽',
      regionCode: '1525',
      school: '中央民族大学',
      major: '社会工作',
      education: 'master',
      serviceAreas: ['drug_rehab', 'corrections'],
      birthDate: '1990-12-12',
    }),
    await T('zhoujie', {
      name: '周杰',
      regionCode: '150105002',
      school: '内蒙古大学',
      major: '应用心理学',
      education: 'bachelor',
      serviceAreas: ['mental_health'],
      birthDate: '1996-04-04',
      availability: 'later',
    }),
    await T('wumin', {
      name: '吴敏',
      regionCode: '150102',
      school: '北京师范大学',
      major: '儿童发展与教育',
      education: 'master',
      serviceAreas: ['children'],
      availability: 'employed',
      birthDate: '1993-08-08',
    }),
    await T('zhengqiang', {
      name: '郑强',
      regionCode: '1502',
      school: '包头师范学院',
      major: '思想政治教育',
      education: 'bachelor',
      serviceAreas: ['veterans', 'volunteer'],
      birthDate: '1985-02-02',
    }),
    await T('noregion', { name: '马丽', regionCode: null, school: '内蒙古农业大学', major: '社会工作', serviceAreas: ['assistance'], birthDate: '1997-06-06' }),
  ]) as Record<string, string>;
  const fillerTalentRegions = ['150102002', '150105001', '150203001', '1505', '130102001', '152502'];
  const areas = ['community', 'elderly', 'assistance', 'children', 'youth', 'family'];
  for (let i = 0; i < 19; i++) {
    await addTalent(database, {
      name: `测试人员${i + 1}`,
      regionCode: fillerTalentRegions[i % fillerTalentRegions.length],
      school: '某某职业技术学院',
      major: '公共事务管理',
      education: (['associate', 'bachelor', 'secondary', null] as const)[i % 4],
      qualification: (['none', 'assistant', 'intermediate'] as const)[i % 3],
      serviceAreas: [areas[i % areas.length]],
      languages: i % 4 === 0 ? ['mandarin', 'mongolian'] : ['mandarin'],
      visibility: i % 5 === 0 ? 'department' : 'employers',
      availability: (['available', 'later', 'employed', 'unavailable'] as const)[i % 4],
      birthDate: `${1980 + i}-0${(i % 9) + 1}-15`,
    });
  }
  return { employers: emp, positions, talents };
}
