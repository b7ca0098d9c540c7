// Hostile uploads (issue 9 B1): files built to exhaust memory or time. Each is generated here, small
// in the test's memory where it can be (a zip bomb is a few hundred kB), and each must answer 422
// within seconds naming the limit it broke, with the process's memory staying bounded.
import { createDeflateRaw, crc32 } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectProblem, makeTestApp, signedIn, type TestApp } from '../helpers/app';
import { UPLOAD_LIMITS } from '../../src/imports/imports.limits';
import { TALENT_HEADER, count, csvText, talentRow, upload, uploadOk, utf8Csv, xlsxBytes } from './helpers';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const dept = () => signedIn(t, 'department', { regionCode: '15' });

/** Deflates `repeat` copies of `unit` without ever holding the unpacked text. */
async function deflateRepeated(head: string, unit: string, repeat: number, tail: string): Promise<Buffer> {
  const d = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  d.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((resolve) => d.on('end', resolve));
  d.write(head);
  const block = unit.repeat(Math.max(1, Math.floor(65536 / unit.length)));
  const perBlock = Math.max(1, Math.floor(65536 / unit.length));
  for (let left = repeat; left > 0; left -= perBlock) {
    const ok = d.write(left >= perBlock ? block : unit.repeat(left));
    if (!ok) await new Promise((r) => d.once('drain', r));
  }
  d.end(tail);
  await done;
  return Buffer.concat(out);
}

interface ZipEntry {
  name: string;
  data: Buffer;
  /** Deflated (method 8) when given: the unpacked size it declares. */
  declaredSize?: number;
  crc?: number;
}

/** A zip archive (local headers, central directory, end record) from given entries. */
function zip(entries: ZipEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const deflated = e.declaredSize !== undefined;
    const size = deflated ? e.declaredSize! : e.data.length;
    const crc = e.crc ?? (deflated ? 0 : crc32(e.data));
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(deflated ? 8 : 0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(deflated ? 8 : 0, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

const WORKBOOK_PARTS: ZipEntry[] = [
  {
    name: '[Content_Types].xml',
    data: Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    ),
  },
  {
    name: 'xl/workbook.xml',
    data: Buffer.from(
      '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="s" sheetId="1" r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></sheets></workbook>',
    ),
  },
];

/** Samples the process's resident memory while `work` runs; returns the growth at its peak. */
async function peakGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growthMb: number; ms: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = Date.now();
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, growthMb: (peak - before) / 2 ** 20, ms: Date.now() - started };
  } finally {
    clearInterval(timer);
  }
}

async function nothingStaged() {
  expect(await count(t, 'import_chunks')).toBe(0);
  expect(await count(t, 'talents')).toBe(0);
}

describe('xlsx bombs', () => {
  it('a small xlsx whose shared string table holds millions of entries: 422 sharedStrings, memory bounded', async () => {
    const d = await dept();
    const n = UPLOAD_LIMITS.sharedStrings + 50_000;
    const strings = await deflateRepeated('<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">', '<si><t>a</t></si>', n, '</sst>');
    const sheet = Buffer.from(
      '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>',
    );
    const bytes = zip([...WORKBOOK_PARTS, { name: 'xl/sharedStrings.xml', data: strings, declaredSize: n * 17 + 100 }, { name: 'xl/worksheets/sheet1.xml', data: sheet }]);
    expect(bytes.length).toBeLessThan(1024 * 1024);
    const { result: res, growthMb, ms } = await peakGrowth(() => upload(t, d, 'talents', bytes, 'bomb.xlsx'));
    const body = await expectProblem(res, 422, 'file');
    expect(body.errors![0].message).toMatch(/sharedStrings/);
    expect(ms).toBeLessThan(20_000);
    expect(growthMb).toBeLessThan(200);
    await nothingStaged();
  });

  it('an entry that unpacks past the limit is refused, also when its header declares a small size', async () => {
    const d = await dept();
    const big = UPLOAD_LIMITS.decompressedBytes + 1024 * 1024;
    const filler = await deflateRepeated('', ' ', big, '');
    for (const declaredSize of [big, 1000]) {
      const bytes = zip([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', data: filler, declaredSize }]);
      expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
      const { result: res, growthMb } = await peakGrowth(() => upload(t, d, 'talents', bytes, 'bomb.xlsx'));
      const body = await expectProblem(res, 422, 'file');
      expect(body.errors![0].message).toMatch(/decompressedBytes/);
      expect(growthMb).toBeLessThan(200);
    }
    await nothingStaged();
  });

  it('a cell longer than Excel allows: 422 cellChars naming the row', async () => {
    const d = await dept();
    const row = talentRow({ name: '王'.repeat(UPLOAD_LIMITS.cellChars + 1) });
    const body = await expectProblem(await upload(t, d, 'talents', await xlsxBytes(TALENT_HEADER, [talentRow(), row]), 'long.xlsx'), 422, 'file');
    expect(body.errors![0].message).toMatch(/cellChars.*row 3/);
    await nothingStaged();
  });
});

describe('csv', () => {
  it('more data rows than the limit: 422 rowsPerFile before any row is checked', async () => {
    const d = await dept();
    const text = TALENT_HEADER.join(',') + '\r\n' + 'x,y\r\n'.repeat(UPLOAD_LIMITS.rowsPerFile + 20);
    const started = Date.now();
    const body = await expectProblem(await upload(t, d, 'talents', new TextEncoder().encode(text), 'many.csv'), 422, 'file');
    expect(body.errors![0].message).toMatch(/rowsPerFile \(200,000\)/);
    expect(Date.now() - started).toBeLessThan(20_000);
    await nothingStaged();
  });

  it('one huge cell (a quote never closed, megabytes long): 422 rowChars at once, memory bounded', async () => {
    const d = await dept();
    const text = TALENT_HEADER.join(',') + '\r\n"' + 'A'.repeat(20 * 1024 * 1024);
    const { result: res, ms, growthMb } = await peakGrowth(() => upload(t, d, 'talents', new TextEncoder().encode(text), 'cell.csv'));
    const body = await expectProblem(res, 422, 'file');
    expect(body.errors![0].message).toMatch(/rowChars/);
    expect(ms).toBeLessThan(10_000);
    expect(growthMb).toBeLessThan(300);
    await nothingStaged();
  });

  it('a cell over the cell limit but in a short record: 422 cellChars', async () => {
    const d = await dept();
    const body = await expectProblem(await upload(t, d, 'talents', utf8Csv(TALENT_HEADER, [talentRow({ name: 'B'.repeat(UPLOAD_LIMITS.cellChars + 10) })]), 'c.csv'), 422, 'file');
    expect(body.errors![0].message).toMatch(/cellChars.*row 2/);
  });

  it('a file of many bad rows keeps the first problems and counts the rest', async () => {
    const d = await dept();
    // Each row has three problems (ID number, region, education): 4,000 rows, 12,000 problems.
    const rows = Array.from({ length: 4000 }, () => talentRow({ id: '123', region: '999999', education: '博士后之后' }));
    const p = await uploadOk(t, d, 'talents', new TextEncoder().encode(csvText(TALENT_HEADER, rows)), 'bad.csv');
    expect(p.rows.bad).toBe(4000);
    expect(p.errorCount).toBeGreaterThanOrEqual(12_000);
    const listed = p.errors as unknown as { total: number; notListed: number };
    expect(listed.total).toBe(UPLOAD_LIMITS.errorRowsKept);
    expect(listed.notListed).toBe(p.errorCount - UPLOAD_LIMITS.errorRowsKept);
    expect(await count(t, 'import_errors')).toBe(UPLOAD_LIMITS.errorRowsKept);
    const last = (await (await d.get(`/api/v1/imports/${p.id}?page=20&pageSize=500`)).json()) as { errors: { items: unknown[] } };
    expect(last.errors.items).toHaveLength(500);
  });
});
