// Words of the exported files: column headings, sheet and file names. The labels of codes (agreement
// statuses, placement kinds and sources, …) come from src/lib/vocab.ts, as on every page.
export type Lang = 'zh' | 'en';

export const DATASETS = ['talents', 'placements', 'agreements'] as const;
export type Dataset = (typeof DATASETS)[number];

/** Sheet name and the leading word of the file name. */
export const DATASET_TITLES: Record<Dataset, readonly [string, string]> = {
  talents: ['人才名录', 'Talents'],
  placements: ['岗位对接记录', 'Placements'],
  agreements: ['定向培养协议', 'Agreements'],
};

/** Column heading [zh, en] and width in characters, in file order. */
export type Column = readonly [zh: string, en: string, width: number];

export const TALENT_COLUMNS: readonly Column[] = [
  ['姓名', 'Name', 10],
  ['性别', 'Gender', 6],
  ['出生日期', 'Birth date', 12],
  ['民族', 'Ethnicity', 8],
  ['身份证号', 'ID number', 21],
  ['手机号码', 'Phone', 14],
  ['所在地区', 'Region', 30],
  ['地区代码', 'Region code', 11],
  ['学历', 'Education', 10],
  ['毕业院校', 'School', 22],
  ['专业', 'Major', 14],
  ['毕业年份', 'Graduation year', 9],
  ['职业资格', 'Qualification', 16],
  ['证书编号', 'Certificate number', 16],
  ['取得年份', 'Qualification year', 9],
  ['登记有效期至', 'Registration valid until', 13],
  ['服务领域', 'Service areas', 26],
  ['语言能力', 'Languages', 16],
  ['意向地区', 'Preferred regions', 30],
  ['求职状态', 'Availability', 12],
  ['公开范围', 'Visibility', 16],
  ['更新日期', 'Updated on', 12],
  ['人才编号', 'Talent ID', 20],
];

export const PLACEMENT_COLUMNS: readonly Column[] = [
  ['人才姓名', 'Talent', 10],
  ['身份证号', 'ID number', 21],
  ['手机号码', 'Phone', 14],
  ['用人单位', 'Employer', 30],
  ['统一社会信用代码', 'Credit code', 20],
  ['单位类型', 'Employer type', 16],
  ['单位所在地区', 'Employer region', 30],
  ['地区代码', 'Region code', 11],
  ['岗位', 'Position', 24],
  ['类型', 'Kind', 8],
  ['开始日期', 'Start date', 12],
  ['结束日期', 'End date', 12],
  ['结束原因', 'End reason', 20],
  ['服务天数', 'Days', 9],
  ['来源', 'Source', 10],
  ['定向协议编号', 'Agreement ID', 20],
  ['记录编号', 'Placement ID', 20],
];

export const AGREEMENT_COLUMNS: readonly Column[] = [
  ['人才姓名', 'Talent', 10],
  ['身份证号', 'ID number', 21],
  ['手机号码', 'Phone', 14],
  ['培养院校', 'Institution', 22],
  ['入学年份', 'Enrolment year', 9],
  ['毕业年份', 'Graduation year', 9],
  ['服务年限', 'Service years', 9],
  ['签订日期', 'Signed on', 12],
  ['定向地区', 'Target region', 30],
  ['定向地区代码', 'Target region code', 11],
  ['定向单位', 'Target employer', 30],
  ['委托地区', 'Sponsor region', 24],
  ['状态', 'Status', 12],
  ['状态说明', 'Status note', 20],
  ['已服务天数', 'Days served', 10],
  ['应服务天数', 'Days owed', 10],
  ['协议编号', 'Agreement ID', 20],
];

export const COLUMNS: Record<Dataset, readonly Column[]> = {
  talents: TALENT_COLUMNS,
  placements: PLACEMENT_COLUMNS,
  agreements: AGREEMENT_COLUMNS,
};

export const ALL_REGIONS: readonly [string, string] = ['全部地区', 'all regions'];

/** How list cells join their items. */
export const LIST_SEPARATOR: Record<Lang, string> = { zh: '、', en: '; ' };

export const pick = (l: readonly [string, string], lang: Lang) => l[lang === 'zh' ? 0 : 1];
