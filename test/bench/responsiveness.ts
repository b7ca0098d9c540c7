// `npm run bench:responsiveness` (issue 9 B3): is the server still answering while heavy work runs?
// A real server process (src/server.ts's pieces: buildNodeDeps, the job thread pool, the app) on a
// fresh SQLite file with ROUND_TALENTS talents in a collecting round over 1,000 open posts and
// EXPORT_ROWS talents in all. Phase 1: a ROWS-row CSV import is uploaded, then its commit, the round
// run and a full CSV export start together; meanwhile autocannon (loopback, bounded duration)
// measures GET /health and GET /api/v1/positions. Phase 2: reads of the position list while 50
// connections write (a graduate saving a profile). Results go to test/bench/RESPONSIVENESS.md with
// `uptime`'s load and BENCH_NOTE (what else ran on the machine).
import { spawn, execSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { openSqlite } from '../../db/sqlite';
import { createSession } from '../../src/auth/sessions';
import { idNumberCheckChar } from '../../src/lib/checksums';
import { listColumnsOf } from '../../src/positions/list-columns';
import { WRITE_GATE_CONCURRENT } from '../../src/lib/write-gate';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROWS = Number(process.env.ROWS ?? 100_000);
const ROUND_TALENTS = Number(process.env.ROUND_TALENTS ?? 50_000);
const EXPORT_ROWS = Number(process.env.EXPORT_ROWS ?? 100_000);
const SECONDS = Number(process.env.SECONDS ?? 10);
const PORT = 3900 + Math.floor(Math.random() * 90);
const NOW = Date.now();
const log = (m: string) => process.stderr.write(`[bench:responsiveness] ${m}\n`);

function seed(path: string): { dept: string; grad: string } {
  const { sqlite } = openSqlite(path);
  const ins = (table: string, columns: string[]) => sqlite.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  const counties = sqlite.prepare(`SELECT code FROM regions WHERE level = 3 AND code LIKE '15%' ORDER BY code`).pluck().all() as string[];
  const user = ins('users', ['id', 'email', 'password_hash', 'role', 'display_name', 'region_code', 'created_at']);
  const employer = ins('employers', [
    'id',
    'name',
    'credit_code',
    'type',
    'region_code',
    'contact_name',
    'contact_phone',
    'status',
    'reviewed_by',
    'reviewed_at',
    'created_at',
    'updated_at',
  ]);
  const position = ins('positions', [
    'id',
    'employer_id',
    'employer_type',
    'title',
    'kind',
    'region_code',
    'seats',
    'reserved_seats',
    'min_education',
    'min_qualification',
    'service_areas',
    'languages',
    'salary_min',
    'salary_max',
    'description',
    'opens_on',
    'closes_on',
    'status',
    'published_at',
    'created_at',
    'updated_at',
    'city_code',
    'county_code',
    'service_area_mask',
  ]);
  const talent = ins('talents', [
    'id',
    'name',
    'gender',
    'birth_date',
    'ethnicity',
    'id_number_enc',
    'id_number_hmac',
    'id_number_masked',
    'phone',
    'region_code',
    'education_level',
    'school',
    'major',
    'graduation_year',
    'qualification_level',
    'service_areas',
    'languages',
    'preferred_regions',
    'availability',
    'visibility',
    'created_at',
    'updated_at',
  ]);
  const areas = ['elderly', 'community', 'children', 'disability'];
  sqlite.transaction(() => {
    user.run('bench-dept', 'dept@bench.cn', 'x', 'department', '基准部门', '15', NOW);
    user.run('bench-grad', 'grad@bench.cn', 'x', 'graduate', '基准毕业生', null, NOW);
    for (let e = 0; e < 200; e++)
      employer.run(
        `e${e}`,
        `社工站 ${e}`,
        `BENCH${String(e).padStart(13, '0')}`,
        'station',
        counties[e % counties.length],
        '联系人',
        '13800000000',
        'verified',
        'bench-dept',
        NOW,
        NOW,
        NOW,
      );
    for (let p = 0; p < 1000; p++) {
      const region = counties[p % counties.length];
      const area = [areas[p % 4]];
      position.run(
        `p${p}`,
        `e${p % 200}`,
        'station',
        `社会工作岗位 ${p}`,
        'caseworker',
        region,
        3,
        p % 5 === 0 ? 1 : 0,
        'bachelor',
        'none',
        JSON.stringify(area),
        '[]',
        3500,
        5200,
        '负责辖区内社会工作服务。',
        '2026-01-01',
        '2099-12-31',
        'open',
        NOW,
        NOW,
        NOW,
        ...Object.values(listColumnsOf(region, area)),
      );
    }
    for (let i = 0; i < EXPORT_ROWS; i++) {
      talent.run(
        `t${i}`,
        `人才${i}`,
        i % 2 ? 'female' : 'male',
        '1999-05-01',
        '汉族',
        'v1.' + 'A'.repeat(64),
        `hmac-${String(i).padStart(59, '0')}`,
        '150102********1234',
        `138${String(i).padStart(8, '0')}`,
        counties[i % counties.length],
        i % 3 ? 'bachelor' : 'master',
        '内蒙古大学',
        '社会工作',
        2026,
        'none',
        JSON.stringify([areas[i % 4]]),
        '["mandarin"]',
        JSON.stringify([counties[(i * 7) % counties.length]]),
        'available',
        'employers',
        NOW,
        NOW,
      );
    }
    sqlite
      .prepare(
        `INSERT INTO rounds (id, name, department_user_id, region_code, status, created_at, updated_at) VALUES ('bench-round', '基准对接轮次', 'bench-dept', '15', 'collecting', ?, ?)`,
      )
      .run(NOW, NOW);
    const rp = ins('round_positions', ['round_id', 'position_id', 'seats', 'reserved_seats']);
    for (let p = 0; p < 1000; p++) rp.run('bench-round', `p${p}`, 3, p % 5 === 0 ? 1 : 0);
    const rt = ins('round_talents', ['round_id', 'talent_id', 'agreement_id']);
    for (let i = 0; i < ROUND_TALENTS; i++) rt.run('bench-round', `t${i}`, null);
  })();
  const database = openSqlite(path).database;
  void database;
  sqlite.close();
  return { dept: 'bench-dept', grad: 'bench-grad' };
}

function csv(rows: number): string {
  const header = '姓名,身份证号,性别,出生日期,民族,手机号,所在地区,学历,毕业院校,专业,毕业年份,职业资格,证书编号,取得年份,服务领域,语言能力,求职状态';
  const lines = [header];
  for (let i = 0; i < rows; i++) {
    const birth = `${1960 + (Math.floor(i / 336) % 40)}${String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}`;
    const id = '150102' + birth + String(Math.floor(i / 13_440) % 1000).padStart(3, '0');
    lines.push(`王${i},${id + idNumberCheckChar(id)},,,汉族,13812345678,150102,本科,内蒙古大学,社会工作,2018,助理社会工作师,A${i},2019,老年,普通话,可立即到岗`);
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

async function measure(base: string, path: string, headers: Record<string, string> = {}, connections = 10) {
  const r = await autocannon({ url: base, connections, duration: SECONDS, requests: [{ method: 'GET', path, headers }] });
  return { path, req: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max, non2xx: r.non2xx, errors: r.errors };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'shegong-bench-resp-'));
  const dbPath = join(dir, 'db.sqlite');
  const loadBefore = execSync('uptime').toString().trim();
  log(`seeding ${EXPORT_ROWS} talents, a ${ROUND_TALENTS}-talent round`);
  const { dept, grad } = seed(dbPath);
  const { database, sqlite } = openSqlite(dbPath);
  const deptToken = await createSession(database, dept, Date.now());
  const gradToken = await createSession(database, grad, Date.now());
  sqlite.close();
  const server = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'responsiveness-server.ts')], {
    env: { ...process.env, DATABASE_PATH: dbPath, DATA_DIR: dir, PORT: String(PORT), HOST: '127.0.0.1', LOG_REQUESTS: 'false', DATA_KEY: Buffer.alloc(32, 9).toString('base64') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = `http://127.0.0.1:${PORT}`;
  try {
    await new Promise<void>((resolve) => server.stdout!.on('data', (b: Buffer) => b.toString().includes('"ready":true') && resolve()));
    const auth = { authorization: `Bearer ${deptToken}` };
    const quiet = [await measure(base, '/health'), await measure(base, '/api/v1/positions?pageSize=20')];
    log(`uploading a ${ROWS}-row CSV`);
    const form = new FormData();
    form.set('kind', 'talents');
    form.set('file', new Blob([csv(ROWS)]), 'bench.csv');
    const t0 = Date.now();
    const up = await fetch(`${base}/api/v1/imports`, { method: 'POST', body: form, headers: auth });
    const preview = (await up.json()) as { id: string; rows: { good: number } };
    const uploadMs = Date.now() - t0;
    log(`staged ${preview.rows?.good} rows in ${uploadMs} ms; commit, round run and export start`);
    const started = Date.now();
    const timed = async (name: string, p: Promise<Response>) => {
      const res = await p;
      const bytes = (await res.arrayBuffer()).byteLength;
      return { name, status: res.status, ms: Date.now() - started, bytes };
    };
    const heavy = Promise.all([
      timed(
        'import commit',
        fetch(`${base}/api/v1/imports/${preview.id}/commit`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"confirm":true}' }),
      ),
      timed('round run', fetch(`${base}/api/v1/rounds/bench-round/run`, { method: 'POST', headers: auth })),
      timed('export csv', fetch(`${base}/api/v1/exports/talents?format=csv`, { headers: auth })),
    ]);
    const busy = [await measure(base, '/health'), await measure(base, '/api/v1/positions?pageSize=20')];
    const busyEnded = Date.now() - started;
    const work = await heavy;
    log('phase 2: reads during 50 connections of writes');
    const profile = JSON.stringify({
      name: '基准毕业生',
      gender: 'female',
      birthDate: '1999-05-01',
      regionCode: '150102',
      education: { level: 'bachelor' },
      availability: 'available',
      visibility: 'department',
    });
    const probe = await fetch(`${base}/api/v1/talents/me`, { method: 'PUT', headers: { authorization: `Bearer ${gradToken}`, 'content-type': 'application/json' }, body: profile });
    if (!probe.ok) throw new Error(`the phase-2 profile write answers ${probe.status}: ${await probe.text()}`);
    const writes = autocannon({
      url: base,
      connections: 50,
      duration: SECONDS + 2,
      requests: [{ method: 'PUT', path: '/api/v1/talents/me', headers: { authorization: `Bearer ${gradToken}`, 'content-type': 'application/json' }, body: profile } as never],
    });
    await new Promise((r) => setTimeout(r, 1000));
    const reads = await measure(base, '/api/v1/positions?pageSize=20');
    const w = await writes;
    const loadAfter = execSync('uptime').toString().trim();
    const rows = (label: string, ms: Awaited<ReturnType<typeof measure>>[]) =>
      ms.map((m) => `| ${label} | \`${m.path}\` | ${m.req} | ${m.p50} | ${m.p99} | ${m.max} | ${m.non2xx} | ${m.errors} |`).join('\n');
    const report = `# Responsiveness under heavy work (issue 9 B3)

Recorded by \`npm run bench:responsiveness\` (test/bench/responsiveness.ts) on ${new Date().toISOString().slice(0, 16)} UTC:
${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}.
Load (\`uptime\`) before: \`${loadBefore}\`; after: \`${loadAfter}\`. Other work on the machine meanwhile: ${process.env.BENCH_NOTE ?? 'none known'}.
The Node server runs as src/server.ts builds it, with the write gate (src/lib/write-gate.ts: ${WRITE_GATE_CONCURRENT} writes at a time).
Scale: ${ROWS.toLocaleString('en-US')}-row CSV import, round of ${ROUND_TALENTS.toLocaleString('en-US')} talents over 1,000 posts, export of ${EXPORT_ROWS.toLocaleString('en-US')} talents;
autocannon on loopback, 10 connections, ${SECONDS} s per measure. Target: p99 ≤ 50 ms while the work runs; reads during writes p99 ≤ 100 ms.

| phase | path | req/s | p50 ms | p99 ms | max ms | non-2xx | errors |
| --- | --- | --- | --- | --- | --- | --- | --- |
${rows('quiet', quiet)}
${rows('during commit + round + export', busy)}
${rows('reads during 50 connections of writes', [reads])}

Writes in phase 2 (PUT /api/v1/talents/me, 50 connections): ${Math.round(w.requests.average)} req/s, p99 ${w.latency.p99} ms, non-2xx ${w.non2xx}.

Upload (staging ${preview.rows?.good?.toLocaleString('en-US')} rows, in a worker thread): ${(uploadMs / 1000).toFixed(1)} s. The measures during the heavy work ran in its first ${(busyEnded / 1000).toFixed(0)} s; the work itself:

| job | status | finished after | bytes |
| --- | --- | --- | --- |
${work.map((j) => `| ${j.name} | ${j.status} | ${(j.ms / 1000).toFixed(1)} s | ${j.bytes.toLocaleString('en-US')} |`).join('\n')}
`;
    writeFileSync(join(HERE, 'RESPONSIVENESS.md'), report);
    process.stdout.write(report);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
