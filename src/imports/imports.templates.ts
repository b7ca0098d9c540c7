// Downloadable templates: the header row (Chinese, required columns marked *) and one example row.
// The example ID number and credit code carry valid check characters but belong to nobody. The
// example row is never imported: its 序号 cell says 示例, and a row with the example's identifiers is
// taken for the example even where the 序号 column was deleted (isExampleRow).
import type { ImportKind } from '../../db/schema';
import type { Cell } from '../lib/spreadsheet';
import { COLUMNS, SERIAL_HEADER, templateHeader } from './imports.columns';
import { cellText, codeText } from './imports.cells';

const EXAMPLES: Record<ImportKind, Record<string, Cell>> = {
  talents: {
    name: '李娜',
    idNumber: '150102199503141027',
    gender: '女',
    birthDate: '1995-03-14',
    ethnicity: '蒙古族',
    phone: '13812345678',
    region: '内蒙古自治区呼和浩特市新城区',
    education: '本科',
    school: '内蒙古大学',
    major: '社会工作',
    graduationYear: 2018,
    qualification: '社会工作师',
    certificateNumber: 'SW2020150001',
    qualificationYear: 2020,
    registrationValidUntil: '2027-12-31',
    serviceAreas: '老年、社区治理',
    languages: '普通话、蒙古语',
    availability: '可立即到岗',
    visibility: '仅社会工作部门可见',
  },
  employers: {
    name: '呼和浩特市新城区海拉尔东路街道社会工作服务站',
    creditCode: '52150102MJ0000001Q',
    type: '乡镇(街道)社工站',
    region: '150102',
    address: '呼和浩特市新城区海拉尔东路1号',
    contactName: '王敏',
    contactPhone: '0471-6901234',
    internshipBase: '是',
    description: '承接街道社会救助、养老服务和社区治理项目',
  },
  placements: {
    idNumber: '150102199503141027',
    name: '李娜',
    creditCode: '52150102MJ0000001Q',
    employerName: '呼和浩特市新城区海拉尔东路街道社会工作服务站',
    kind: '就业',
    startOn: '2026-07-01',
    endOn: null,
    endReason: null,
  },
};

export const TEMPLATE_NAMES: Record<ImportKind, { zh: string; en: string }> = {
  talents: { zh: '人才名册导入模板', en: 'talents-import-template' },
  employers: { zh: '用人单位名册导入模板', en: 'employers-import-template' },
  placements: { zh: '岗位对接记录导入模板', en: 'placements-import-template' },
};

/** What the 序号 cell of the template's example row says. */
export const EXAMPLE_MARK = '示例';
const EXAMPLE_MARKS = new Set(['示例', '例', '样例', '示范', 'example', 'sample', 'e.g.', 'eg']);

export function template(kind: ImportKind): { header: string[]; widths: number[]; example: Cell[] } {
  const specs = COLUMNS[kind];
  return {
    header: [SERIAL_HEADER, ...templateHeader(kind)],
    widths: [6, ...specs.map((s) => s.width)],
    example: [EXAMPLE_MARK, ...specs.map((s) => EXAMPLES[kind][s.key] ?? null)],
  };
}

/** The keys whose values together make a row a copy of the example: an identifier and a second cell,
 * so that a real person or employer who happens to have the example's number is still imported. */
const EXAMPLE_KEYS: Record<ImportKind, [id: string, also: string]> = {
  talents: ['idNumber', 'name'],
  employers: ['creditCode', 'name'],
  placements: ['idNumber', 'creditCode'],
};

const same = (cell: Cell, example: Cell | undefined) => {
  const v = codeText(cell);
  return v !== '' && v === codeText(example ?? null);
};

/** Whether a roster row is (a copy of) the template's example: 示例 / example in its 序号 cell, or the
 * example's identifier and second key (ID number and name, credit code and name, ID number and
 * credit code) where the 序号 column was deleted. */
export function isExampleRow(kind: ImportKind, serialCell: Cell | undefined, get: (key: string) => Cell): boolean {
  const mark = cellText(serialCell ?? null)
    .toLowerCase()
    .replace(/[\s()（）【】[\]:：]/g, '');
  if (mark && EXAMPLE_MARKS.has(mark)) return true;
  return EXAMPLE_KEYS[kind].every((key) => same(get(key), EXAMPLES[kind][key]));
}

/** The column an example row is reported in: 序号 when the file has it, else the identifying column. */
export const exampleColumnKey = (kind: ImportKind) => EXAMPLE_KEYS[kind][0];
