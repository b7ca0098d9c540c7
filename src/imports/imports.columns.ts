// The columns of each roster template: the Chinese header the template writes, the English and other
// headers accepted for it, and whether it is required. Pure.
import type { ImportKind } from '../../db/schema';

export interface ColumnSpec {
  key: string;
  /** The template's header (Chinese); a required one is written with a trailing *. */
  zh: string;
  en: string;
  /** Other headers seen in rosters. Matching ignores case, spaces, `*`, `_`, `-` and a bracketed note. */
  aliases: string[];
  required: boolean;
  width: number;
}

const col = (key: string, zh: string, en: string, aliases: string[], required = false, width = 14): ColumnSpec => ({
  key,
  zh,
  en,
  aliases,
  required,
  width,
});

const REGION = col('region', '所在地区', 'Region', ['地区', '行政区划', '区划代码', '地区代码', '所在地', 'regioncode', 'region code'], true, 30);

export const COLUMNS: Record<ImportKind, ColumnSpec[]> = {
  talents: [
    col('name', '姓名', 'Name', ['fullname', 'full name'], true, 10),
    col('idNumber', '身份证号', 'ID number', ['身份证号码', '公民身份号码', '身份证', 'idnumber', 'id no', 'id_number'], true, 22),
    col('gender', '性别', 'Gender', ['sex'], false, 6),
    col('birthDate', '出生日期', 'Birth date', ['出生年月日', 'birthdate', 'date of birth', 'birthday'], false, 12),
    col('ethnicity', '民族', 'Ethnicity', ['nation'], false, 8),
    col('phone', '手机号', 'Phone', ['手机号码', '手机', '联系电话', 'mobile'], false, 14),
    REGION,
    col('education', '学历', 'Education', ['最高学历', 'education level'], false, 10),
    col('school', '毕业院校', 'School', ['学校', '院校'], false, 18),
    col('major', '专业', 'Major', ['所学专业'], false, 14),
    col('graduationYear', '毕业年份', 'Graduation year', ['毕业年度', 'graduationyear'], false, 10),
    col('qualification', '职业资格', 'Qualification', ['职业资格等级', '社会工作职业资格', '资格等级', 'qualification level'], false, 16),
    col('certificateNumber', '证书编号', 'Certificate number', ['资格证书编号', 'certificate no', 'certificatenumber'], false, 16),
    col('qualificationYear', '取得年份', 'Qualification year', ['取证年份', '资格取得年份', 'qualificationyear'], false, 10),
    col('registrationValidUntil', '登记有效期至', 'Registration valid until', ['登记有效期', '有效期至', 'registrationvaliduntil'], false, 14),
    col('serviceAreas', '服务领域', 'Service areas', ['serviceareas'], false, 18),
    col('languages', '语言能力', 'Languages', ['语言'], false, 16),
    col('availability', '求职状态', 'Availability', ['到岗状态'], false, 12),
    col('visibility', '公开范围', 'Visibility', [], false, 18),
  ],
  employers: [
    col('name', '单位名称', 'Name', ['用人单位', '单位', 'employer name', 'employer'], true, 30),
    col('creditCode', '统一社会信用代码', 'Credit code', ['信用代码', '社会信用代码', 'creditcode', 'unified social credit code'], true, 22),
    col('type', '单位类型', 'Type', ['类型', 'employer type'], true, 14),
    REGION,
    col('address', '地址', 'Address', ['详细地址', '单位地址'], false, 30),
    col('contactName', '联系人', 'Contact name', ['contact', 'contactname'], true, 10),
    col('contactPhone', '联系电话', 'Contact phone', ['电话', '联系方式', 'phone', 'contactphone'], true, 16),
    col('internshipBase', '实习基地', 'Internship base', ['是否实习基地', 'internshipbase'], false, 10),
    col('description', '单位简介', 'Description', ['简介'], false, 30),
  ],
  placements: [
    col('idNumber', '身份证号', 'ID number', ['身份证号码', '公民身份号码', '身份证', 'idnumber', 'id no', 'id_number'], true, 22),
    col('name', '姓名', 'Name', ['fullname', 'full name'], false, 10),
    col('creditCode', '统一社会信用代码', 'Credit code', ['信用代码', '单位信用代码', '社会信用代码', 'creditcode', 'employer credit code'], true, 22),
    col('employerName', '单位名称', 'Employer name', ['用人单位', '单位', 'employer'], false, 30),
    col('kind', '类型', 'Kind', ['对接类型', '就业类型', 'placement kind'], true, 8),
    col('startOn', '开始日期', 'Start date', ['起始日期', '入职日期', 'starton', 'start'], true, 12),
    col('endOn', '结束日期', 'End date', ['离职日期', '终止日期', 'endon', 'end'], false, 12),
    col('endReason', '结束原因', 'End reason', ['离职原因', 'endreason'], false, 20),
  ],
};

/** Columns many rosters carry that no template needs: read past, never refused. */
const IGNORED = ['序号', '编号', '备注', 'no', 'no.', '#', 'remark', 'remarks', 'note', 'notes'];
/** The running-number column; the templates write 示例 in it on their example row. */
const SERIAL = ['序号', 'no', 'no.', '#'];
export const SERIAL_HEADER = '序号';

export function normalizeHeader(h: string): string {
  return h
    .replace(/[（(【[][^）)】\]]*[）)】\]]/g, '')
    .replace(/[\s*＊_\-:：]/g, '')
    .toLowerCase();
}

export interface HeaderMap {
  /** Column index → key, for the recognised columns. */
  keys: (string | null)[];
  /** Key → the header as written in the file (what row errors name). */
  names: Record<string, string>;
  missing: ColumnSpec[];
  unknown: string[];
  repeated: string[];
  /** The index of the running-number (序号) column, if the file has one. */
  serial: number | null;
}

export function readHeader(kind: ImportKind, header: string[]): HeaderMap {
  const specs = COLUMNS[kind];
  const lookup = new Map<string, string>();
  for (const s of specs) for (const h of [s.key, s.zh, s.en, ...s.aliases]) lookup.set(normalizeHeader(h), s.key);
  const ignored = new Set(IGNORED.map(normalizeHeader));
  const keys: (string | null)[] = [];
  const names: Record<string, string> = {};
  const unknown: string[] = [];
  const repeated: string[] = [];
  const serials = new Set(SERIAL.map(normalizeHeader));
  let serial: number | null = null;
  header.forEach((raw, i) => {
    const h = raw.trim();
    const norm = normalizeHeader(h);
    const key = norm === '' ? undefined : lookup.get(norm);
    if (key === undefined) {
      if (serial === null && serials.has(norm)) serial = i;
      keys.push(null);
      if (norm !== '' && !ignored.has(norm)) unknown.push(h);
      return;
    }
    if (names[key] !== undefined) {
      keys.push(null);
      repeated.push(h);
      return;
    }
    keys.push(key);
    names[key] = h;
  });
  const missing = specs.filter((s) => s.required && names[s.key] === undefined);
  return { keys, names, missing, unknown, repeated, serial };
}

export function templateHeader(kind: ImportKind): string[] {
  return COLUMNS[kind].map((s) => (s.required ? `${s.zh}*` : s.zh));
}

export function columnName(kind: ImportKind, key: string, names: Record<string, string>): string {
  return names[key] ?? COLUMNS[kind].find((s) => s.key === key)?.zh ?? key;
}
