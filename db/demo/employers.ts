// Employers: residents' committees under street offices, township social work stations, schools,
// social work agencies and hospitals, spread over the province by population, each with a valid
// 统一社会信用代码 (GB 32100) whose organisation-code part carries its own GB 11714 check character.
import type { Employer } from '../schema';
import { creditCodeCheckChar } from '../../src/lib/checksums';
import * as D from './data';
import { DAY, type Rng } from './random';
import type { RegionPool, RegionRow } from './region-pool';

export interface EmployerOverrides {
  type?: D.EmployerType;
  cityCode?: string;
  status?: 'verified' | 'pending' | 'rejected';
  /** A township social work station in this township (type station, the city follows). */
  township?: RegionRow;
}

const TYPE_WEIGHTS: [D.EmployerType, number][] = [
  ['community', 35],
  ['station', 25],
  ['school', 13],
  ['agency', 17],
  ['hospital', 10],
];

// GB 32100: registration authority and kind. 5x 民政 (2 民办非企业单位/社会服务机构, 9 其他, which
// covers residents' committees), 12 机构编制 事业单位 (public schools and hospitals).
const CREDIT_PREFIX: Record<D.EmployerType, string> = {
  community: '59',
  station: '52',
  agency: '52',
  school: '12',
  hospital: '12',
};

const REJECT_NOTES = ['统一社会信用代码与登记证书不一致，请核实后重新提交', '联系人信息无法核实，请补充单位介绍信', '单位类型填写有误，请按登记证书重新选择'];

export class EmployerPlanner {
  private readonly usedNames = new Set<string>();
  private readonly usedCodes = new Set<string>();

  constructor(
    private readonly rng: Rng,
    private readonly regions: RegionPool,
    private readonly now: number,
  ) {}

  plan(o: EmployerOverrides = {}): Employer {
    const { rng, now } = this;
    let type = o.township ? 'station' : (o.type ?? rng.weighted(TYPE_WEIGHTS));
    let placed: { name: string; region: RegionRow; county: RegionRow; city: RegionRow } | undefined;
    for (let attempt = 0; !placed; attempt++) {
      const city = this.regions.city(rng, o.township ? o.township.code.slice(0, 4) : o.cityCode);
      if (type === 'community' && !this.regions.street(rng, city)) type = 'station';
      placed = o.township ? this.station(o.township) : this.place(type, city);
      if (o.township && this.usedNames.has(placed.name)) throw new Error(`${placed.name} exists already`);
      if (placed && this.usedNames.has(placed.name)) placed = undefined;
      // Hospitals and schools run out of names first at large scales; agencies have plenty.
      if (attempt === 100) type = 'agency';
      if (attempt > 400) throw new Error(`Cannot find a free ${type} name`);
    }
    this.usedNames.add(placed.name);
    const { name, region, county, city } = placed;

    const status =
      o.status ??
      rng.weighted([
        ['verified', 85],
        ['pending', 12],
        ['rejected', 3],
      ] as const);
    const created = now - rng.int(30, 1100) * DAY - rng.int(0, 86_399) * 1000;
    const reviewed = status === 'pending' ? null : created + rng.int(1, 20) * DAY;
    const internshipBase = status === 'verified' && type !== 'community' && rng.chance(0.25) ? 1 : 0;
    return {
      id: rng.id(),
      user_id: null,
      name,
      credit_code: this.creditCode(type, type === 'agency' && rng.chance(0.5) ? `${city.code}00` : county.code),
      type,
      region_code: region.code,
      address: `${region.full_name}${rng.pick(D.COMMUNITY_NAMES)}${rng.pick(D.STREET_SUFFIXES)}${rng.int(1, 299)}号`,
      contact_name: rng.faker.person.lastName() + rng.faker.person.firstName(),
      contact_phone: rng.chance(0.4) ? `${D.AREA_CODES[city.code] ?? '0471'}-${rng.int(2, 8)}${rng.digits(6)}` : rng.mobile(),
      description: this.description(type, created),
      status,
      review_note: status === 'rejected' ? rng.pick(REJECT_NOTES) : null,
      reviewed_by: null,
      reviewed_at: reviewed,
      internship_base: internshipBase,
      created_at: created,
      updated_at: reviewed ?? created,
    };
  }

  /** Where an employer of this type sits, and its name there; undefined if the name is taken. */
  private place(type: D.EmployerType, city: RegionRow) {
    const { rng, regions } = this;
    const county = regions.county(rng, city);
    // Schools and hospitals in a city district take the city's name; in a banner or county its own.
    const local = county.name.endsWith('区') ? city.name : county.name;
    const district = county.name.endsWith('区') ? city.name + county.name : county.name;
    switch (type) {
      case 'community': {
        const street = regions.street(rng, city)!;
        return { name: `${street.name}${rng.pick(D.COMMUNITY_NAMES)}社区居民委员会`, region: street, county: regions.countyOf(street.code), city };
      }
      case 'station':
        return this.station(regions.township(rng, county));
      case 'school': {
        const banner = county.name.endsWith('旗') || county.name.endsWith('市');
        const name = rng.weighted([
          [`${local}第${rng.pick(D.CHINESE_ORDINALS.slice(0, local === city.name ? 20 : 6))}中学`, 6],
          [`${local}实验中学`, 1],
          [`${district}实验小学`, 1],
          [`${local}蒙古族中学`, banner ? 2 : 0.5],
          [`${local}职业中等专业学校`, 1],
        ]);
        return { name, region: county, county, city };
      }
      case 'hospital': {
        const name = rng.weighted([
          [`${local}人民医院`, 4],
          [`${local}第${rng.pick(D.CHINESE_ORDINALS.slice(0, 4))}人民医院`, local === city.name ? 2 : 0],
          [`${local}蒙医医院`, 2],
          [`${local}中蒙医医院`, 2],
          [`${local}妇幼保健院`, 1],
          [`${local}中心医院`, local === city.name ? 1 : 0],
          [`${local}精神卫生中心`, local === city.name ? 0.5 : 0],
        ]);
        return { name, region: county, county, city };
      }
      case 'agency': {
        const prefix = rng.chance(0.6) ? city.name : district;
        return { name: `${prefix}${rng.pick(D.AGENCY_NAMES)}${rng.pick(D.AGENCY_SUFFIXES)}`, region: county, county, city };
      }
    }
  }

  /** Whether the station of this township has been planned already. */
  hasStation(township: RegionRow): boolean {
    return this.usedNames.has(this.station(township).name);
  }

  /** The social work station of a township: named after its county (or city district) and township. */
  private station(township: RegionRow) {
    const county = this.regions.countyOf(township.code);
    const city = this.regions.cityOf(township.code);
    const district = county.name.endsWith('区') ? city.name + county.name : county.name;
    return { name: `${district}${township.name}社会工作服务站`, region: township, county, city };
  }

  private creditCode(type: D.EmployerType, authorityRegion: string): string {
    for (;;) {
      const body = this.rng.digits(8);
      const first17 = CREDIT_PREFIX[type] + authorityRegion + body + organisationCheckChar(body);
      const code = first17 + creditCodeCheckChar(first17);
      if (!this.usedCodes.has(code)) {
        this.usedCodes.add(code);
        return code;
      }
    }
  }

  private description(type: D.EmployerType, created: number): string {
    const year = new Date(created).getUTCFullYear() - this.rng.int(0, 8);
    switch (type) {
      case 'community':
        return `社区居民委员会，辖区常住居民约${this.rng.int(8, 45) * 100}户，设有党群服务中心、老年日间照料站和儿童之家。`;
      case 'station':
        return `${year}年建成运营的乡镇（街道）社会工作服务站，承接社会救助、养老服务和儿童关爱等民政服务。`;
      case 'school':
        return `公办学校，在校学生约${this.rng.int(6, 40) * 100}人，设有心理健康教育中心，${this.rng.chance(0.5) ? '寄宿生比例较高' : '与社区共建家校社协同育人机制'}。`;
      case 'hospital':
        return `${this.rng.pick(['二级甲等', '三级乙等', '三级甲等', '二级乙等'])}公立医院，设有医务社工部，开展患者服务和志愿服务。`;
      case 'agency':
        return `成立于${year}年、在民政部门登记的社会服务机构，主要承接${this.rng.pick(['养老服务', '青少年服务', '社会救助', '社区治理', '禁毒和社区矫正'])}领域的政府购买服务项目。`;
    }
  }
}

/** GB 11714 check character of an 8-character organisation code body (digits here). */
function organisationCheckChar(body: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(body[i]) * weights[i];
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}
