// `npx tsx test/bench/exports.ts [--record] [--talents N] [--keep]`: exports of 100,000 rows (issue #5:
// ≤ 30 s each), through app.request() with the whole body consumed, time and peak RSS per export.
//
// 1. Data: a temp SQLite file migrated by db/migrate.ts, bulk-filled here (not through the app's write
//    paths): N talents across 内蒙古自治区 (15) with sealed ID numbers (the app's FieldCrypto), 2,000
//    employers, N agreements and N placements (half of them serving an agreement). A few percent of
//    schools, majors and notes begin with = + - @ so that neutralising is on the path.
// 2. The app as the Node server builds it (exceljs xlsx writer), a department of region 15 signed in
//    through the API; each export is GET /api/v1/exports/… with its cookie.
// 3. Per export: wall time to the last byte, bytes, rows (CSV lines, or the xlsx read back afterwards,
//    untimed) and peak RSS (the kernel's VmHWM, reset before each export via /proc/self/clear_refs;
//    sampled every 20 ms where that is refused).
// --record rewrites the results section of test/bench/EXPORTS.md.
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqlite } from '../../db/sqlite';
import { createApp } from '../../src/app';
import { createAccount } from '../../src/auth/auth.service';
import { parseEnv, toConfig } from '../../src/env';
import { createFieldCrypto, type FieldCrypto } from '../../src/lib/crypto';
import type { AppDeps } from '../../src/lib/context';
import { idNumberCheckChar, maskIdNumber } from '../../src/lib/checksums';
import { nodeScrypt } from '../../src/node-deps';
import { createSearch } from '../../search/index';
import { nodeXlsx } from '../../spreadsheet/xlsx-node';
import type BetterSqlite3 from 'better-sqlite3';

const HERE = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const N = Number(arg('--talents') ?? 100_000);
const EMPLOYERS = 2_000;
const RECORD = args.includes('--record');
const KEEP = args.includes('--keep');
const TARGET_SECONDS = 30;
const NOW = Date.parse('2026-06-01T08:00:00Z');

const log = (s: string) => process.stderr.write(`[bench:exports] ${s}\n`);

// ---------------------------------------------------------------- data

/** A small deterministic stream (mulberry32), so runs are comparable. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] };
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '包', '乌', '白', '其', '宝', '额尔登', '巴图', '苏'];
const GIVEN = ['娜', '芳', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '其其格', '斯琴', '乌云', '巴雅尔'];
const SCHOOLS = ['内蒙古大学', '内蒙古师范大学', '内蒙古民族大学', '呼和浩特民族学院', '北京师范大学', '华东理工大学', '长春工业大学', '包头师范学院'];
const MAJORS = ['社会工作', '社会学', '心理学', '公共事业管理', '社会工作与管理'];
const AREAS = ['children', 'youth', 'elderly', 'disability', 'community', 'school', 'medical', 'mental_health', 'assistance', 'family', 'volunteer'];
const EDU = ['secondary', 'associate', 'bachelor', 'bachelor', 'bachelor', 'master'];
const QUAL = ['none', 'none', 'assistant', 'assistant', 'intermediate', 'senior'];
const AVAIL = ['available', 'later', 'employed', 'unavailable'];
const FORMULA = ['=', '+', '-', '@'];

async function mapLimit<T, R>(items: T[], limit: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let i = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (i < items.length) {
        const k = i++;
        out[k] = await fn(items[k]);
      }
    }),
  );
  return out;
}

async function generate(sqlite: BetterSqlite3.Database, crypto: FieldCrypto, sponsorUserId: string) {
  const r = rng(20260601);
  const places = sqlite.prepare("SELECT code FROM regions WHERE code LIKE '15%' AND level >= 3").pluck().all() as string[];
  const cities = sqlite.prepare("SELECT code FROM regions WHERE code LIKE '15%' AND level = 2").pluck().all() as string[];
  const counties = places.filter((c) => c.length === 6);

  const plain: string[] = [];
  const used = new Set<string>();
  const rows: unknown[][] = [];
  for (let i = 0; i < N; i++) {
    const region = r.pick(places);
    const year = 1975 + r.int(30);
    const birth = `${year}-${String(1 + r.int(12)).padStart(2, '0')}-${String(1 + r.int(28)).padStart(2, '0')}`;
    let seq = i % 1000;
    let first17 = '';
    do first17 = region.slice(0, 6) + birth.replaceAll('-', '') + String(seq++ % 1000).padStart(3, '0');
    while (used.has(first17));
    used.add(first17);
    const idn = first17 + idNumberCheckChar(first17);
    plain.push(idn);
    const qual = r.pick(QUAL);
    const tricky = r.next() < 0.03;
    rows.push([
      `bench-t-${i}`,
      `${r.pick(SURNAMES)}${r.pick(GIVEN)}`,
      r.next() < 0.7 ? 'female' : 'male',
      birth,
      r.next() < 0.6 ? '01' : '02',
      null,
      null,
      maskIdNumber(idn),
      `13${String(100000000 + r.int(899999999))}`,
      region,
      r.pick(EDU),
      tricky ? `${r.pick(FORMULA)}${r.pick(SCHOOLS)}` : r.pick(SCHOOLS),
      r.pick(MAJORS),
      year + 22,
      qual,
      qual === 'none' ? null : `ZS${year + 23}${String(i).padStart(6, '0')}`,
      qual === 'none' ? null : year + 23,
      qual === 'none' ? null : '2027-06-30',
      JSON.stringify([r.pick(AREAS), r.pick(AREAS)].filter((v, k, a) => a.indexOf(v) === k)),
      JSON.stringify(r.next() < 0.3 ? ['mandarin', 'mongolian'] : ['mandarin']),
      JSON.stringify([r.pick(cities)]),
      r.pick(AVAIL),
      r.next() < 0.8 ? 'employers' : 'department',
      NOW,
      NOW,
    ]);
  }
  const sealed = await mapLimit(plain, 64, async (p) => [await crypto.encrypt(p), await crypto.hmac(p)] as const);
  sealed.forEach(([enc, hmac], i) => {
    rows[i][5] = enc;
    rows[i][6] = hmac;
  });

  const insertTalent = sqlite.prepare(`INSERT INTO talents (id, name, gender, birth_date, ethnicity, id_number_enc, id_number_hmac, id_number_masked, phone, region_code,
    education_level, school, major, graduation_year, qualification_level, certificate_number, qualification_year, registration_valid_until,
    service_areas, languages, preferred_regions, availability, visibility, created_at, updated_at) VALUES (${Array(25).fill('?').join(', ')})`);
  const insertEmployer = sqlite.prepare(`INSERT INTO employers (id, name, credit_code, type, region_code, contact_name, contact_phone, status, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, 'verified', ?, ?)`);
  const insertAgreement = sqlite.prepare(`INSERT INTO agreements (id, talent_id, sponsor_user_id, sponsor_region_code, target_region_code, institution, enrolment_year,
    graduation_year, service_years, signed_on, status, status_note, created_at, updated_at) VALUES (?, ?, ?, '15', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertPlacement = sqlite.prepare(`INSERT INTO placements (id, talent_id, employer_id, kind, start_on, end_on, end_reason, source, agreement_id, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, 'direct', ?, ?, ?)`);
  const TYPES = ['community', 'station', 'school', 'agency', 'hospital'];
  const STATUSES = ['in_training', 'awaiting_placement', 'serving', 'serving', 'fulfilled', 'breached'];
  sqlite.transaction(() => {
    for (const row of rows) insertTalent.run(...row);
    for (let e = 0; e < EMPLOYERS; e++) {
      const region = r.pick(counties);
      insertEmployer.run(`bench-e-${e}`, `${region}社会工作服务中心${e}`, `BENCH${String(e).padStart(13, '0')}`, r.pick(TYPES), region, '王敏', '0471-6901234', NOW, NOW);
    }
    for (let i = 0; i < N; i++) {
      const status = r.pick(STATUSES);
      const note = status === 'breached' ? (r.next() < 0.1 ? '-提前离岗' : '提前离岗') : null;
      insertAgreement.run(`bench-a-${i}`, `bench-t-${i}`, sponsorUserId, r.pick(cities), r.pick(SCHOOLS), 2019, 2023, 3 + r.int(3), '2019-08-20', status, note, NOW, NOW);
      const start = `202${3 + r.int(3)}-0${1 + r.int(9)}-1${r.int(9)}`;
      const ended = r.next() < 0.3;
      insertPlacement.run(
        `bench-p-${i}`,
        `bench-t-${r.int(N)}`,
        `bench-e-${r.int(EMPLOYERS)}`,
        r.next() < 0.8 ? 'employment' : 'internship',
        start,
        ended ? '2026-03-31' : null,
        ended ? (r.next() < 0.05 ? '=合同期满' : '合同期满') : null,
        i % 2 === 0 ? `bench-a-${i}` : null,
        NOW,
        NOW,
      );
    }
  })();
}

// ---------------------------------------------------------------- measuring

function vmHWM(): number {
  return Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;
}
function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

interface Measured {
  name: string;
  seconds: number;
  /** Process CPU time (all threads: WebCrypto and zlib run off the main thread). */
  cpuSeconds: number;
  /** The longest the event loop went without running a 10 ms timer: how long other requests on
   * the same server would have waited. */
  stallMs: number;
  bytes: number;
  rows: number;
  rssBefore: number;
  rssPeak: number;
}

async function measure(
  app: ReturnType<typeof createApp>,
  cookie: string,
  dir: string,
  name: string,
  path: string,
  countRows: (bytes: Uint8Array) => Promise<number>,
): Promise<Measured> {
  (globalThis as { gc?: () => void }).gc?.();
  const rssBefore = process.memoryUsage.rss();
  const kernelPeak = resetPeak();
  let sampled = rssBefore;
  let last = performance.now();
  let stallMs = 0;
  const sampler = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
    sampled = Math.max(sampled, process.memoryUsage.rss());
  }, 10);
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const res = await app.request(path, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  // The body goes to a file as it arrives (a client saving the download), so the peak is the server's.
  const file = join(dir, 'download');
  const fd = openSync(file, 'w');
  let bytes = 0;
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    writeSync(fd, value);
  }
  closeSync(fd);
  stallMs = Math.max(stallMs, performance.now() - last); // a timer that never ran is a stall too
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  clearInterval(sampler);
  const rssPeak = kernelPeak ? vmHWM() : Math.max(sampled, process.memoryUsage.rss());
  const rows = await countRows(new Uint8Array(readFileSync(file)));
  rmSync(file);
  log(
    `${name}: ${seconds.toFixed(2)} s (CPU ${cpuSeconds.toFixed(2)} s, longest stall ${stallMs.toFixed(0)} ms), ${(bytes / 2 ** 20).toFixed(1)} MiB, ${rows} rows, peak RSS ${(rssPeak / 2 ** 20).toFixed(0)} MiB`,
  );
  return { name, seconds, cpuSeconds, stallMs, bytes, rows, rssBefore, rssPeak };
}

/** Lines of a CSV without quoted line breaks (the generated data has none), heading excluded. */
async function csvRows(bytes: Uint8Array): Promise<number> {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) n++;
  return n - 1;
}
async function xlsxRows(bytes: Uint8Array): Promise<number> {
  let n = 0;
  for await (const _ of nodeXlsx.readRows(bytes)) n++;
  return n - 1;
}

function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  return {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    nproc: cpus().length,
    cpu: /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown',
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    uptime: execSync('uptime').toString().trim(),
  };
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'shegong-exports-bench-'));
  const dbPath = join(dir, 'bench.sqlite');
  const dataKey = randomBytes(32).toString('base64');
  const before = machine();
  try {
    const { sqlite, database } = openSqlite(dbPath);
    const fieldCrypto = await createFieldCrypto(dataKey);
    const deps: AppDeps = {
      database,
      config: toConfig(parseEnv({ PASSWORD_SCRYPT_N: '1024', LOG_REQUESTS: 'false' }), dataKey),
      fieldCrypto,
      scrypt: nodeScrypt,
      now: () => NOW,
      clientAddress: () => 'bench',
      log: () => {},
      search: createSearch({ database, now: () => NOW, log: () => {}, meili: null }),
      xlsx: nodeXlsx,
    };
    const email = 'bench.exports@example.cn';
    const password = 'bench exports password';
    const dept = await createAccount(deps, { email, password, displayName: '基准测试部门', role: 'department', regionCode: '15' });
    const deptId = dept.id;

    log(`generating ${N} talents, ${EMPLOYERS} employers, ${N} agreements, ${N} placements into ${dbPath}`);
    const genStart = performance.now();
    await generate(sqlite, fieldCrypto, deptId);
    const genSeconds = (performance.now() - genStart) / 1000;
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    log(`generated in ${genSeconds.toFixed(1)} s`);

    const app = createApp(deps);
    const signIn = await app.request('/api/v1/auth/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    const { token } = (await signIn.json()) as { token: string };
    const cookie = `session=${token}`;

    const runs: [string, string, (b: Uint8Array) => Promise<number>][] = [
      ['talents csv (masked)', '/api/v1/exports/talents?format=csv', csvRows],
      ['talents xlsx (masked)', '/api/v1/exports/talents?format=xlsx', xlsxRows],
      ['talents csv (reveal: decrypts every ID number)', '/api/v1/exports/talents?format=csv&reveal=true', csvRows],
      ['talents xlsx (reveal)', '/api/v1/exports/talents?format=xlsx&reveal=true', xlsxRows],
      ['placements csv', '/api/v1/exports/placements?format=csv', csvRows],
      ['placements xlsx', '/api/v1/exports/placements?format=xlsx', xlsxRows],
      ['agreements csv (served days per row)', '/api/v1/exports/agreements?format=csv', csvRows],
      ['agreements xlsx', '/api/v1/exports/agreements?format=xlsx', xlsxRows],
      ['talents csv, one city (1501)', '/api/v1/exports/talents?format=csv&region=1501', csvRows],
    ];
    const results: Measured[] = [];
    for (const [name, path, count] of runs) results.push(await measure(app, cookie, dir, name, path, count));
    const audits = sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'export_reveal'").pluck().get() as number;
    sqlite.close();

    const after = machine();
    const report = render(results, before, after, genSeconds, audits);
    process.stdout.write(`\n${report}\n`);
    if (RECORD) record(report);
  } finally {
    if (!KEEP) rmSync(dir, { recursive: true, force: true });
    else log(`kept ${dbPath}`);
  }
}

function render(results: Measured[], before: ReturnType<typeof machine>, after: ReturnType<typeof machine>, genSeconds: number, audits: number): string {
  const mib = (b: number) => (b / 2 ** 20).toFixed(0);
  const head = ['export', 'rows', 'seconds', 'CPU s', 'longest stall ms', 'rows/s', 'file MiB', 'RSS before MiB', 'peak RSS MiB', `≤ ${TARGET_SECONDS} s`];
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const body = results.map((r) => [
    r.name,
    r.rows.toLocaleString('en-US'),
    r.seconds.toFixed(2),
    r.cpuSeconds.toFixed(2),
    r.stallMs.toFixed(0),
    Math.round(r.rows / r.seconds).toLocaleString('en-US'),
    (r.bytes / 2 ** 20).toFixed(1),
    mib(r.rssBefore),
    mib(r.rssPeak),
    r.seconds <= TARGET_SECONDS ? 'met' : 'MISSED',
  ]);
  return [
    `Recorded ${before.date} by \`npx tsx test/bench/exports.ts --record\`.`,
    '',
    `- Machine: ${before.nproc} CPUs (\`nproc\`), ${before.cpu}, ${before.memory} RAM, Node ${before.node}. The cores are shared with other sessions' work.`,
    `- \`uptime\` before: \`${before.uptime}\``,
    `- \`uptime\` after: \`${after.uptime}\``,
    `- Data: ${N.toLocaleString('en-US')} talents (sealed ID numbers), ${EMPLOYERS.toLocaleString('en-US')} employers, ${N.toLocaleString('en-US')} agreements, ${N.toLocaleString('en-US')} placements; generated in ${genSeconds.toFixed(1)} s`,
    `- Full exports audited: ${audits} record(s) for the ${results.filter((r) => r.name.includes('reveal')).length} reveal runs`,
    '',
    line(head),
    line(head.map((_, i) => (i === 0 ? '---' : '---:'))),
    ...body.map(line),
  ].join('\n');
}

const START = '<!-- results:start -->';
const END = '<!-- results:end -->';

function record(report: string): void {
  const file = join(HERE, 'EXPORTS.md');
  const doc = readFileSync(file, 'utf8');
  const from = doc.indexOf(START);
  const to = doc.indexOf(END);
  const section = `${START}\n${report}\n${END}`;
  writeFileSync(file, from >= 0 && to > from ? doc.slice(0, from) + section + doc.slice(to + END.length) : `${doc.trimEnd()}\n\n${section}\n`);
  log(`recorded in ${file}`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
