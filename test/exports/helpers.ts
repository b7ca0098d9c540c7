// Reading exported files back, and talents with real sealed ID numbers.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { maskIdNumber } from '../../src/lib/checksums';
import type { Cell } from '../../src/lib/spreadsheet';
import { nodeXlsx } from '../../spreadsheet/xlsx-node';
import { insertTalent } from '../helpers/builders';
import type { Client, TestApp } from '../helpers/app';
import { idNumber, phoneNumber } from '../helpers/ids';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A talent row with a real sealed ID number (so a full export can open it). */
export async function talentWithId(t: TestApp, overrides: Record<string, unknown> = {}): Promise<{ id: string; idNumber: string; phone: string }> {
  const plain = idNumber(
    String(overrides.region_code ?? '150102')
      .slice(0, 6)
      .padEnd(6, '0'),
    '19990307',
  );
  const phone = phoneNumber();
  const id = await insertTalent(t, null, {
    id_number_enc: await t.deps.fieldCrypto.encrypt(plain),
    id_number_hmac: await t.deps.fieldCrypto.hmac(plain),
    id_number_masked: maskIdNumber(plain),
    phone,
    ...overrides,
  });
  return { id, idNumber: plain, phone };
}

/** Cells as a comparable form: what a CSV says about them. */
export const asText = (c: Cell): string => (c === null ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c));

export async function csvOf(res: Response): Promise<string[][]> {
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM, so Excel reads UTF-8
  return parse(new TextDecoder().decode(bytes.slice(3)), { relax_column_count: false }) as string[][];
}

export async function xlsxOf(t: TestApp, res: Response): Promise<{ rows: string[][]; raw: Cell[][]; bytes: Uint8Array }> {
  expect(res.status, res.status === 200 ? '' : await res.clone().text()).toBe(200);
  expect(res.headers.get('content-type')).toBe(XLSX_TYPE);
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]); // a zip
  const raw: Cell[][] = [];
  for await (const r of (t.deps.xlsx ?? nodeXlsx).readRows(bytes)) raw.push(r.cells);
  const width = raw[0]?.length ?? 0;
  const rows = raw.map((r) => Array.from({ length: width }, (_, i) => asText(r[i] ?? null)));
  return { rows, raw, bytes };
}

/** The whole workbook through exceljs' non-streaming reader: a second, independent parser. */
export async function workbookOf(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

export function filenameOf(res: Response): { ascii: string; utf8: string } {
  const cd = res.headers.get('content-disposition') ?? '';
  const ascii = /filename="([^"]*)"/.exec(cd)?.[1] ?? '';
  const star = /filename\*=UTF-8''([^;]+)/.exec(cd)?.[1] ?? '';
  return { ascii, utf8: decodeURIComponent(star) };
}

/** Rows as objects by heading. */
export function byHeading(rows: string[][]): Record<string, string>[] {
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
}

/** A download as a browser on the site asks for it (browsers send Sec-Fetch-Site). */
export const get = (c: Client, path: string) => c.request('GET', `/api/v1/exports/${path}`, undefined, { 'sec-fetch-site': 'same-origin' });
