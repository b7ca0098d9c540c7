// Fixtures for the import tests: roster rows with valid (or deliberately broken) identifiers, files
// built as a department would save them (xlsx through exceljs, UTF-8 or GBK csv), and uploads.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { stringify } from 'csv-stringify/sync';
import type { Cell } from '../../src/lib/spreadsheet';
import type { Client, TestApp } from '../helpers/app';
import { idNumber } from '../helpers/ids';

export const TALENT_HEADER = [
  '姓名',
  '身份证号',
  '性别',
  '出生日期',
  '民族',
  '手机号',
  '所在地区',
  '学历',
  '毕业院校',
  '专业',
  '毕业年份',
  '职业资格',
  '证书编号',
  '取得年份',
  '服务领域',
  '语言能力',
  '求职状态',
];

/** One talent row in TALENT_HEADER order. */
export function talentRow(o: Partial<Record<'name' | 'id' | 'region' | 'education' | 'qualification' | 'cert' | 'areas' | 'phone' | 'birth', Cell>> = {}): Cell[] {
  const id = (o.id ?? idNumber()) as string;
  const or = (k: keyof typeof o, fallback: Cell): Cell => (k in o ? (o[k] as Cell) : fallback);
  return [
    or('name', '王芳'),
    id,
    null,
    or('birth', null),
    '蒙古族',
    or('phone', '13812345678'),
    or('region', '150102'),
    or('education', '本科'),
    '内蒙古大学',
    '社会工作',
    2018,
    or('qualification', '助理社会工作师'),
    or('cert', 'A2019150001'),
    2019,
    or('areas', '老年、社区治理'),
    '普通话、蒙古语',
    '可立即到岗',
  ];
}

export async function xlsxBytes(header: Cell[], rows: Cell[][], opts: { idAsNumber?: boolean } = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  if (opts.idAsNumber) ws.getColumn(2).numFmt = '0';
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export function csvText(header: Cell[], rows: Cell[][]): string {
  return stringify(
    [header, ...rows].map((r) => r.map((c) => (c === null ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c)))),
    { record_delimiter: 'windows', quoted_match: /[\r\n"]/ },
  );
}

export function utf8Csv(header: Cell[], rows: Cell[][], bom = true): Uint8Array {
  return new TextEncoder().encode((bom ? '\uFEFF' : '') + csvText(header, rows));
}

export function gbkCsv(header: Cell[], rows: Cell[][]): Uint8Array {
  return new Uint8Array(iconv.encode(csvText(header, rows), 'gbk'));
}

/** A multipart upload through the app, as a browser or an API client sends it. */
export async function upload(
  t: TestApp,
  client: Client | null,
  kind: string,
  bytes: Uint8Array,
  fileName: string,
  extra: Record<string, string> = {},
  path = '/api/v1/imports',
): Promise<Response> {
  const form = new FormData();
  form.set('kind', kind);
  for (const [k, v] of Object.entries(extra)) form.set(k, v);
  form.set('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), fileName);
  const headers: Record<string, string> = {};
  if (client?.token) headers.cookie = `session=${client.token}`;
  return t.app.request(path, { method: 'POST', body: form, headers });
}

export interface Preview {
  id: string;
  encoding: string | null;
  status: string;
  failure: string | null;
  rows: { total: number; good: number; bad: number; new: number; update: number };
  errorCount: number;
  progress: { done: number; total: number; skipped: number };
  errors: { items: { row: number; column: string; code: string; reason: string }[]; total: number; page: number; pageSize: number };
}

export async function uploadOk(t: TestApp, client: Client, kind: string, bytes: Uint8Array, fileName: string, extra: Record<string, string> = {}): Promise<Preview> {
  const res = await upload(t, client, kind, bytes, fileName, extra);
  const text = await res.text();
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${text}`);
  return JSON.parse(text) as Preview;
}

export async function commit(client: Client, id: string): Promise<Response> {
  return client.post(`/api/v1/imports/${id}/commit`, { confirm: true });
}

export async function count(t: TestApp, table: 'talents' | 'employers' | 'placements' | 'search_outbox' | 'import_chunks' | 'import_errors'): Promise<number> {
  const r = await t.deps.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Every error of an import, all pages. */
export async function allErrors(client: Client, id: string): Promise<Preview['errors']['items']> {
  const out: Preview['errors']['items'] = [];
  for (let page = 1; ; page++) {
    const res = await client.get(`/api/v1/imports/${id}?page=${page}&pageSize=500`);
    const p = (await res.json()) as Preview;
    out.push(...p.errors.items);
    if (out.length >= p.errors.total || p.errors.items.length === 0) return out;
  }
}

/** A JSON body, loosely typed for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function json(res: Response | Promise<Response>): Promise<any> {
  return (await res).json();
}
