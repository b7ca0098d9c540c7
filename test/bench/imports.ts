// `npx tsx test/bench/imports.ts [--rows N] [--record] [--keep] [--csv] [--cache-mib N]`: importing a 100,000-row
// talent roster (issue #5 target: ≤ 60 s, peak memory ≤ 1 GB). Prints a table; never fails a test run.
//
// 1. A child process writes the roster (exceljs streaming writer) into a temp dir: unique valid ID
//    numbers, names, phones, regions of 内蒙古 (80 % as codes, 20 % as full names), education,
//    qualification, service areas, languages; 1 % of rows carry a wrong ID check character. The
//    generator's memory is its own, so this process's peak is the import's.
// 2. This process opens a temp SQLite file (migrated, region tree loaded), builds the app as the Node
//    server does (SQL-fallback search, no Meilisearch), serves it on a loopback port and signs a
//    department of region 15 in through the API.
// 3. Upload (multipart POST /api/v1/imports: parse, validate, stage) → preview (GET, first error page)
//    → commit (POST …/commit, every chunk one atomic write with its outbox rows), all over HTTP,
//    timed one by one. RSS is sampled every 50 ms; the kernel's high-water mark (VmHWM) is read at
//    the end. Then the talents and outbox rows are counted to check the result.
// With --record writes the numbers, the machine and its load into test/bench/IMPORTS.md.
import { serve } from '@hono/node-server';
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execSync } from 'node:child_process';
import { openSqlite } from '../../db/sqlite';
import { loadRegionRows } from '../../db/regions-data';
import { createSearch } from '../../search/index';
import { createApp } from '../../src/app';
import { createAccount } from '../../src/auth/auth.service';
import { parseEnv, toConfig } from '../../src/env';
import { createFieldCrypto } from '../../src/lib/crypto';
import { idNumberCheckChar } from '../../src/lib/checksums';
import type { AppDeps } from '../../src/lib/context';
import { nodeScrypt } from '../../src/node-deps';
import { nodeXlsx } from '../../spreadsheet/xlsx-node';
import { ROWS_PER_CHUNK } from '../../src/imports/imports.service';

const HERE = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const ROWS = Number(arg('--rows') ?? 100_000);
const RECORD = args.includes('--record');
const KEEP = args.includes('--keep');
const CSV = args.includes('--csv');
/** SQLite page cache for the bench's connection (MiB); unset = the app's default (db/sqlite.ts: SQLite's 2 MiB). */
const CACHE_MIB = arg('--cache-mib') ? Number(arg('--cache-mib')) : null;
const TARGET = { seconds: 60, peakMiB: 1024 };

const HEADER = [
  '姓名*',
  '身份证号*',
  '性别',
  '出生日期',
  '民族',
  '手机号',
  '所在地区*',
  '学历',
  '毕业院校',
  '专业',
  '毕业年份',
  '职业资格',
  '证书编号',
  '取得年份',
  '登记有效期至',
  '服务领域',
  '语言能力',
  '求职状态',
];

// ---------------------------------------------------------------- the roster (child process)

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文辉宇浩凯鹏飞琳晶雪梅巴特尔乌云其木格娜仁图雅斯琴阿拉坦萨日娜';
const EDUCATION = ['大专', '本科', '本科', '本科', '硕士研究生', '中专/高中'];
const QUAL = ['无', '助理社会工作师', '助理社会工作师', '社会工作师', '高级社会工作师'];
const AREAS = ['儿童', '青少年', '老年', '残障', '社区治理', '学校', '医务', '心理健康', '禁毒', '社区矫正', '社会救助', '家庭', '退役军人', '志愿服务'];
const LANGS = ['普通话', '普通话、蒙古语', '普通话、英语', '普通话'];
const AVAIL = ['可立即到岗', '近期可到岗', '在职', '暂不求职'];

async function generate(path: string, rows: number): Promise<void> {
  const counties = loadRegionRows().filter((r) => r.level === 3 && r.code.startsWith('15'));
  const rand = rng(20260601);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const seen = new Set<string>();
  const row = (): (string | number | null)[] => {
    const county = pick(counties);
    let id: string;
    let birth: string;
    do {
      const y = 1970 + Math.floor(rand() * 34);
      const m = 1 + Math.floor(rand() * 12);
      const d = 1 + Math.floor(rand() * 28);
      birth = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      const first17 = county.code + birth.replace(/-/g, '') + String(Math.floor(rand() * 1000)).padStart(3, '0');
      id = first17 + idNumberCheckChar(first17);
    } while (seen.has(id));
    seen.add(id);
    if (rand() < 0.01) id = id.slice(0, 17) + (id[17] === '0' ? '1' : '0'); // 1 % bad rows
    const qual = pick(QUAL);
    const year = Number(birth.slice(0, 4)) + 22;
    const areas = [...new Set([pick(AREAS), pick(AREAS)])].join('、');
    return [
      pick([...SURNAMES]) + pick([...GIVEN]) + (rand() < 0.6 ? pick([...GIVEN]) : ''),
      id,
      null,
      rand() < 0.3 ? birth : null,
      rand() < 0.7 ? '汉族' : '蒙古族',
      '13' + String(Math.floor(rand() * 1e9)).padStart(9, '0'),
      rand() < 0.8 ? county.code : county.full_name,
      pick(EDUCATION),
      '内蒙古大学',
      '社会工作',
      Math.min(year, 2026),
      qual,
      qual === '无' ? null : `SW${year}${String(Math.floor(rand() * 1e6)).padStart(6, '0')}`,
      qual === '无' ? null : Math.min(year + 1, 2026),
      qual === '无' ? null : `${Math.min(year + 4, 2029)}-12-31`,
      areas,
      pick(LANGS),
      pick(AVAIL),
    ];
  };
  if (path.endsWith('.csv')) {
    const out = createWriteStream(path);
    const esc = (v: string | number | null) => (v === null ? '' : /[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
    out.write('\uFEFF' + HEADER.join(',') + '\r\n');
    for (let i = 0; i < rows; i++) if (!out.write(row().map(esc).join(',') + '\r\n')) await new Promise<void>((r) => out.once('drain', () => r()));
    await new Promise<void>((r) => out.end(() => r()));
    return;
  }
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('人才名册');
  ws.addRow(HEADER).commit();
  for (let i = 0; i < rows; i++) ws.addRow(row()).commit();
  ws.commit();
  await wb.commit();
}

// ---------------------------------------------------------------- the import (this process)

function vmHwmMiB(): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

const mib = (bytes: number) => Math.round(bytes / 1048576);
const sec = (ms: number) => (ms / 1000).toFixed(1);

async function main() {
  if (args[0] === '--generate') {
    await generate(args[1], Number(args[2]));
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'shegong-import-bench-'));
  const file = join(dir, CSV ? '人才名册.csv' : '人才名册.xlsx');
  const loadBefore = loadavg();
  const uptimeBefore = execSync('uptime').toString().trim();
  let t0 = Date.now();
  const gen = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--generate', file, String(ROWS)], { stdio: 'inherit' });
  if (gen.status !== 0) throw new Error('generating the roster failed');
  const generateMs = Date.now() - t0;
  const fileBytes = statSync(file).size;
  console.log(`roster: ${ROWS.toLocaleString()} rows, ${(fileBytes / 1048576).toFixed(1)} MiB, written in ${sec(generateMs)} s`);

  const { sqlite, database } = openSqlite(join(dir, 'bench.sqlite'));
  if (CACHE_MIB) sqlite.pragma(`cache_size = -${CACHE_MIB * 1024}`);
  const dataKey = randomBytes(32).toString('base64');
  const logs: Record<string, unknown>[] = [];
  const deps: AppDeps = {
    database,
    config: toConfig(parseEnv({ PASSWORD_SCRYPT_N: '1024', LOG_REQUESTS: 'false' }), dataKey),
    fieldCrypto: await createFieldCrypto(dataKey),
    scrypt: nodeScrypt,
    now: () => Date.now(),
    clientAddress: () => '127.0.0.1',
    log: (e) => logs.push(e),
    search: createSearch({ database, now: () => Date.now(), log: (e) => logs.push(e), meili: null }),
    xlsx: nodeXlsx,
  };
  const app = createApp(deps);
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const email = 'bench.imports@example.cn';
  const password = 'bench imports department password';
  await createAccount(deps, { email, password, displayName: '内蒙古自治区社会工作部', role: 'department', regionCode: '15' });
  const signIn = await fetch(`${base}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const { token } = (await signIn.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}`, 'sec-fetch-site': 'same-origin' };

  if (global.gc) global.gc();
  const rssStart = process.memoryUsage().rss;
  let peak = rssStart;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);

  const cpu0 = process.cpuUsage();
  t0 = Date.now();
  const form = new FormData();
  form.set('kind', 'talents');
  form.set('file', new Blob([readFileSync(file)]), file.split('/').pop()!);
  const up = await fetch(`${base}/api/v1/imports`, { method: 'POST', headers: auth, body: form });
  const preview = (await up.json()) as { id: string; rows: Record<string, number>; errorCount: number; detail?: string };
  if (up.status !== 201) throw new Error(`upload: ${up.status} ${JSON.stringify(preview)}`);
  const uploadMs = Date.now() - t0;
  const cpuUpload = process.cpuUsage(cpu0);
  const peakUpload = peak;

  t0 = Date.now();
  const shown = await fetch(`${base}/api/v1/imports/${preview.id}?page=1&pageSize=50`, { headers: auth });
  await shown.json();
  const previewMs = Date.now() - t0;

  t0 = Date.now();
  const committed = await fetch(`${base}/api/v1/imports/${preview.id}/commit`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ confirm: true }),
  });
  const result = (await committed.json()) as { status: string; progress: Record<string, number> };
  if (committed.status !== 200) throw new Error(`commit: ${committed.status} ${JSON.stringify(result)}`);
  const commitMs = Date.now() - t0;
  const cpuAll = process.cpuUsage(cpu0);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const hwm = vmHwmMiB();

  const talents = Number((sqlite.prepare('SELECT count(*) FROM talents').pluck().get() as number) ?? 0);
  const outbox = Number((sqlite.prepare("SELECT count(*) FROM search_outbox WHERE entity = 'talent'").pluck().get() as number) ?? 0);
  const loadAfter = loadavg();
  const uptimeAfter = execSync('uptime').toString().trim();
  server.close();
  sqlite.close();

  const totalMs = uploadMs + previewMs + commitMs;
  const cpuSec = (u: NodeJS.CpuUsage) => ((u.user + u.system) / 1e6).toFixed(1);
  const peakMiB = Math.max(mib(peak), hwm ?? 0);
  const lines = [
    `| step | wall time | CPU time of this process |`,
    `| --- | ---: | ---: |`,
    `| upload: read, validate, stage (${preview.rows.total.toLocaleString()} rows; ${preview.rows.good.toLocaleString()} good, ${preview.rows.bad.toLocaleString()} bad) | ${sec(uploadMs)} s | ${cpuSec(cpuUpload)} s |`,
    `| preview (first page of ${preview.errorCount.toLocaleString()} row errors) | ${previewMs} ms | |`,
    `| commit (${result.progress.done.toLocaleString()} rows in chunks of ${ROWS_PER_CHUNK.toLocaleString()}, each one atomic write with its outbox rows) | ${sec(commitMs)} s | ${((cpuAll.user + cpuAll.system - cpuUpload.user - cpuUpload.system) / 1e6).toFixed(1)} s |`,
    `| **upload → preview → commit** | **${sec(totalMs)} s** (target ≤ ${TARGET.seconds} s: ${totalMs <= TARGET.seconds * 1000 ? 'met' : 'missed'}) | ${cpuSec(cpuAll)} s |`,
    '',
    `| memory | MiB |`,
    `| --- | ---: |`,
    `| RSS before the upload (app, SQLite, regions loaded) | ${mib(rssStart)} |`,
    `| peak RSS sampled every 50 ms, during upload / whole import | ${mib(peakUpload)} / ${mib(peak)} |`,
    `| VmHWM (kernel high-water mark of this process) | ${hwm ?? 'n/a'} |`,
    `| **peak** | **${peakMiB}** (target ≤ ${TARGET.peakMiB}: ${peakMiB <= TARGET.peakMiB ? 'met' : 'missed'}) |`,
    '',
    `Check: ${talents.toLocaleString()} talents and ${outbox.toLocaleString()} talent outbox rows in the database after the commit (expected ${preview.rows.good.toLocaleString()} each); status ${result.status}.`,
  ];
  const report = lines.join('\n');
  console.log('\n' + report);
  const machine = [
    `- Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; Node ${process.version}; ${ROWS.toLocaleString()} rows, ${CSV ? 'UTF-8 CSV' : 'xlsx'} of ${(fileBytes / 1048576).toFixed(1)} MiB (generated in a child process in ${sec(generateMs)} s, not counted).`,
    `- SQLite page cache: ${CACHE_MIB ? `${CACHE_MIB} MiB (\`--cache-mib ${CACHE_MIB}\`: PRAGMA cache_size on the bench's connection)` : "the app's default (db/sqlite.ts: 64 MiB)"}.`,
    `- CPU: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}; memory ${mib(totalmem()).toLocaleString()} MiB.`,
    `- Load before: \`${uptimeBefore}\` (loadavg ${loadBefore.map((x) => x.toFixed(2)).join(', ')}).`,
    `- Load after:  \`${uptimeAfter}\` (loadavg ${loadAfter.map((x) => x.toFixed(2)).join(', ')}).`,
  ].join('\n');
  console.log('\n' + machine);
  if (RECORD) {
    const path = join(HERE, 'IMPORTS.md');
    const doc = readFileSync(path, 'utf8');
    const marker = `<!-- ${CSV ? 'csv-' : ''}${CACHE_MIB ? 'cache-' : ''}results -->`;
    const start = doc.indexOf(marker);
    const end = doc.indexOf(marker.replace('<!-- ', '<!-- /'));
    if (start < 0 || end < 0) throw new Error(`IMPORTS.md has no ${marker} section`);
    writeFileSync(path, doc.slice(0, start + marker.length) + '\n\n' + report + '\n\n' + machine + '\n\n' + doc.slice(end));
    console.log(`recorded in ${path}`);
  }
  if (KEEP) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
