// Controlled vocabularies (ARCHITECTURE.md, "Glossary"). Codes are what the API and the database store;
// labels are [zh, en]. Order matters where levels are compared (education, qualification).

type Labels = Record<string, readonly [string, string]>;

export const EDUCATION_LEVELS = {
  secondary: ['中专/高中', 'Secondary'],
  associate: ['大专', 'Associate'],
  bachelor: ['本科', 'Bachelor'],
  master: ['硕士研究生', 'Master'],
  doctorate: ['博士研究生', 'Doctorate'],
} as const satisfies Labels;

export const QUALIFICATION_LEVELS = {
  none: ['无', 'None'],
  assistant: ['助理社会工作师', 'Assistant social worker'],
  intermediate: ['社会工作师', 'Social worker'],
  senior: ['高级社会工作师', 'Senior social worker'],
} as const satisfies Labels;

export const SERVICE_AREAS = {
  children: ['儿童', 'Children'],
  youth: ['青少年', 'Youth'],
  elderly: ['老年', 'Elderly'],
  disability: ['残障', 'Disability'],
  community: ['社区治理', 'Community governance'],
  school: ['学校', 'School'],
  medical: ['医务', 'Medical'],
  mental_health: ['心理健康', 'Mental health'],
  drug_rehab: ['禁毒', 'Drug rehabilitation'],
  corrections: ['社区矫正', 'Corrections'],
  assistance: ['社会救助', 'Social assistance'],
  family: ['家庭', 'Family'],
  veterans: ['退役军人', 'Veterans'],
  volunteer: ['志愿服务', 'Volunteer management'],
} as const satisfies Labels;

export const LANGUAGES = {
  mandarin: ['普通话', 'Mandarin'],
  mongolian: ['蒙古语', 'Mongolian'],
  uyghur: ['维吾尔语', 'Uyghur'],
  tibetan: ['藏语', 'Tibetan'],
  kazakh: ['哈萨克语', 'Kazakh'],
  korean: ['朝鲜语', 'Korean'],
  zhuang: ['壮语', 'Zhuang'],
  yi: ['彝语', 'Yi'],
  english: ['英语', 'English'],
  sign: ['手语', 'Sign language'],
} as const satisfies Labels;

export const AVAILABILITY = {
  available: ['可立即到岗', 'Available now'],
  later: ['近期可到岗', 'Available soon'],
  employed: ['在职', 'Employed'],
  unavailable: ['暂不求职', 'Not looking'],
} as const satisfies Labels;

export const VISIBILITY = {
  employers: ['对已认证用人单位公开', 'Open to verified employers'],
  department: ['仅社会工作部门可见', 'Department only'],
} as const satisfies Labels;

export const EMPLOYER_TYPES = {
  community: ['社区/街道', 'Community / street office'],
  station: ['乡镇(街道)社工站', 'Township social work station'],
  school: ['学校', 'School'],
  agency: ['社工机构', 'Social work agency'],
  hospital: ['医院', 'Hospital'],
  other: ['其他', 'Other'],
} as const satisfies Labels;

export const POSITION_KINDS = {
  community_worker: ['社区工作者', 'Community worker'],
  station_worker: ['社工站社工', 'Station social worker'],
  school_worker: ['驻校社工', 'School social worker'],
  medical_worker: ['医务社工', 'Medical social worker'],
  agency_worker: ['机构社工', 'Agency social worker'],
  other: ['其他', 'Other'],
} as const satisfies Labels;

export const EMPLOYMENT_TYPES = {
  FULL_TIME: ['全职', 'Full time'],
  PART_TIME: ['兼职', 'Part time'],
  CONTRACTOR: ['合同制', 'Contract'],
  INTERN: ['实习', 'Internship'],
} as const satisfies Labels;

export const GENDERS = { male: ['男', 'Male'], female: ['女', 'Female'] } as const satisfies Labels;

export const APPLICATION_STATUSES = {
  submitted: ['已投递', 'Submitted'],
  reviewing: ['审核中', 'Reviewing'],
  interview: ['面试', 'Interview'],
  offer: ['拟录用', 'Offer'],
  hired: ['已录用', 'Hired'],
  rejected: ['未通过', 'Rejected'],
  withdrawn: ['已撤回', 'Withdrawn'],
  // Closed because the talent was placed (hired, a round, a placement) at another employer.
  placed_elsewhere: ['已在其他单位就业', 'Employed elsewhere'],
} as const satisfies Labels;

// GB/T 3304 codes of the 56 ethnic groups, in the standard's order.
const ETHNIC_NAMES = [
  '汉族',
  '蒙古族',
  '回族',
  '藏族',
  '维吾尔族',
  '苗族',
  '彝族',
  '壮族',
  '布依族',
  '朝鲜族',
  '满族',
  '侗族',
  '瑶族',
  '白族',
  '土家族',
  '哈尼族',
  '哈萨克族',
  '傣族',
  '黎族',
  '傈僳族',
  '佤族',
  '畲族',
  '高山族',
  '拉祜族',
  '水族',
  '东乡族',
  '纳西族',
  '景颇族',
  '柯尔克孜族',
  '土族',
  '达斡尔族',
  '仫佬族',
  '羌族',
  '布朗族',
  '撒拉族',
  '毛南族',
  '仡佬族',
  '锡伯族',
  '阿昌族',
  '普米族',
  '塔吉克族',
  '怒族',
  '乌孜别克族',
  '俄罗斯族',
  '鄂温克族',
  '德昂族',
  '保安族',
  '裕固族',
  '京族',
  '塔塔尔族',
  '独龙族',
  '鄂伦春族',
  '赫哲族',
  '门巴族',
  '珞巴族',
  '基诺族',
] as const;
const ETHNIC_EN = [
  'Han',
  'Mongol',
  'Hui',
  'Tibetan',
  'Uyghur',
  'Miao',
  'Yi',
  'Zhuang',
  'Buyei',
  'Korean',
  'Manchu',
  'Dong',
  'Yao',
  'Bai',
  'Tujia',
  'Hani',
  'Kazakh',
  'Dai',
  'Li',
  'Lisu',
  'Va',
  'She',
  'Gaoshan',
  'Lahu',
  'Sui',
  'Dongxiang',
  'Nakhi',
  'Jingpo',
  'Kyrgyz',
  'Monguor',
  'Daur',
  'Mulao',
  'Qiang',
  'Blang',
  'Salar',
  'Maonan',
  'Gelao',
  'Xibe',
  'Achang',
  'Pumi',
  'Tajik',
  'Nu',
  'Uzbek',
  'Russian',
  'Evenki',
  'Deang',
  'Bonan',
  'Yugur',
  'Gin',
  'Tatar',
  'Derung',
  'Oroqen',
  'Hezhen',
  'Monba',
  'Lhoba',
  'Jino',
] as const;
export const AGREEMENT_STATUSES = {
  in_training: ['在读培养', 'In training'],
  awaiting_placement: ['待安置', 'Awaiting placement'],
  serving: ['服务中', 'Serving'],
  fulfilled: ['已履约', 'Fulfilled'],
  breached: ['违约', 'Breached'],
  waived: ['已豁免', 'Waived'],
} as const satisfies Labels;

export const PLACEMENT_KINDS = {
  employment: ['就业', 'Employment'],
  internship: ['实习', 'Internship'],
} as const satisfies Labels;

export const PLACEMENT_SOURCES = {
  application: ['报名录用', 'Application'],
  round: ['对接轮次', 'Placement round'],
  direct: ['直接登记', 'Recorded directly'],
  import: ['批量导入', 'Import'],
} as const satisfies Labels;

export const ETHNICITIES: Labels = Object.fromEntries(ETHNIC_NAMES.map((zh, i) => [String(i + 1).padStart(2, '0'), [zh, ETHNIC_EN[i]] as const]));

export const codes = <T extends Labels>(v: T) => Object.keys(v) as [keyof T & string, ...(keyof T & string)[]];

/** Rank of a level in an ordered vocabulary, for "at least" comparisons. */
export function rankOf(vocab: Labels, code: string | null | undefined): number {
  return code ? Object.keys(vocab).indexOf(code) : -1;
}

export function label(vocab: Labels, code: string | null | undefined, lang: 'zh' | 'en'): string {
  if (!code) return '';
  const l = vocab[code];
  return l ? l[lang === 'zh' ? 0 : 1] : code;
}

/** Why a department reveals a full ID number (issue 11 §6): recorded in the audit row's detail. */
export const REVEAL_PURPOSES = {
  verify_identity: ['核实身份', 'Verify identity'],
  agreement: ['办理协议', 'Process an agreement'],
  statistics: ['统计核对', 'Check statistics'],
  other: ['其他', 'Other'],
} as const satisfies Labels;
