// `npx tsx test/bench/matching.ts [--record]`: the matching core (src/matching) without I/O.
//
// Part 1, a round at the scale of the 2024 NRMP Match: 50,000 talents (20 % directed), 6,400
// positions with 41,500 seats (some reserved for directed graduates), lists of up to 30: 40 % of
// talents submit a list (10–30 posts, mostly near home or in their target), the rest get one
// derived from scores. Timed apart: building the lists (candidate generation + scoring), the
// deferred-acceptance core, and the explanations.
// Part 2, the core alone at national scale: 1,000,000 talents, 50,000 positions, lists of up to
// 30 (synthetic lists and integer scores with ties), twice: seats for 83 % of talents (the NRMP's
// ratio) and scarce seats (6.5 a post, as in part 1), which makes most talents propose their
// whole list.
// Each part runs in its own child process so its peak RSS (getrusage maxrss) is its own.
// Prints a table; with --record writes it, with the machine and the date, to test/bench/MATCHING.md.
// Never fails on a time (ARCHITECTURE.md, "Tests and benchmarks").
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deferredAcceptance } from '../../src/matching/deferred-acceptance';
import { MatchContext } from '../../src/matching/prepared';
import { PositionIndex } from '../../src/matching/rank';
import { buildRound, explainRound, solveRound } from '../../src/matching/round';
import type { MatchPosition, MatchTalent } from '../../src/matching/types';

const HERE = dirname(fileURLToPath(import.meta.url));
const THIS = fileURLToPath(import.meta.url);

// ---------------------------------------------------------------- deterministic random numbers
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  const some = <T>(xs: readonly T[], lo: number, hi: number) => {
    const k = int(lo, hi);
    const out = new Set<T>();
    while (out.size < Math.min(k, xs.length)) out.add(pick(xs));
    return [...out];
  };
  return { next, int, pick, some };
}

const AREAS = [
  'children',
  'youth',
  'elderly',
  'disability',
  'community',
  'school',
  'medical',
  'mental_health',
  'drug_rehab',
  'corrections',
  'assistance',
  'family',
  'veterans',
  'volunteer',
];
const KINDS = ['community_worker', 'station_worker', 'school_worker', 'medical_worker', 'agency_worker', 'other'];
const pad = (n: number, w: number) => String(n).padStart(w, '0');

// ---------------------------------------------------------------- part 1: a 50k round
const ROUND = { talents: 50_000, positions: 6_400, seats: 41_500, directedShare: 0.2, submittedShare: 0.4, employers: 2_000 };

export function generateRound(seed = 2024) {
  const r = rng(seed);
  // 内蒙古-like tree: 12 cities × 8 counties × 10 townships (960 townships).
  const cities = Array.from({ length: 12 }, (_, c) => `15${pad(c + 1, 2)}`);
  const counties = cities.flatMap((c) => Array.from({ length: 8 }, (_, k) => c + pad(k + 1, 2)));
  const townships = counties.flatMap((k) => Array.from({ length: 10 }, (_, t) => k + pad(t + 1, 3)));
  // Bigger cities get more of everything.
  const cityWeight = cities.map((_, i) => 1 + (i < 3 ? 2 : 0));
  const totalWeight = cityWeight.reduce((a, b) => a + b, 0);
  const weightedTownship = () => {
    let x = r.next() * totalWeight;
    let c = 0;
    while (x >= cityWeight[c]) x -= cityWeight[c++];
    return `${cities[c]}${pad(r.int(1, 8), 2)}${pad(r.int(1, 10), 3)}`;
  };

  const employers = Array.from({ length: ROUND.employers }, (_, i) => ({ id: `e${pad(i, 5)}`, region: weightedTownship() }));
  const employersIn = new Map<string, string[]>();
  for (const e of employers) for (const a of [e.region.slice(0, 4), e.region.slice(0, 6)]) employersIn.set(a, [...(employersIn.get(a) ?? []), e.id]);

  // Seats: 1–12 each, then nudged to the exact total.
  const seats = Array.from({ length: ROUND.positions }, () => r.int(1, 12));
  let diff = ROUND.seats - seats.reduce((a, b) => a + b, 0);
  while (diff !== 0) {
    const i = r.int(0, seats.length - 1);
    if (diff > 0 && seats[i] < 20) seats[i]++, diff--;
    else if (diff < 0 && seats[i] > 1) seats[i]--, diff++;
  }
  const positions: MatchPosition[] = seats.map((s, i) => {
    const e = r.pick(employers);
    return {
      id: `p${pad(i, 5)}`,
      employerId: e.id,
      kind: r.pick(KINDS),
      regionCode: r.next() < 0.7 ? e.region : e.region.slice(0, 6) + pad(r.int(1, 10), 3),
      seats: s,
      reservedSeats: r.next() < 0.3 ? Math.max(1, Math.round(s * (0.2 + 0.3 * r.next()))) : 0,
      minEducation: r.next() < 0.6 ? null : r.next() < 0.75 ? 'associate' : 'bachelor',
      minQualification: r.next() < 0.8 ? 'none' : 'assistant',
      serviceAreas: r.some(AREAS, 1, 3),
      languages: r.next() < 0.08 ? ['mandarin', 'mongolian'] : [],
      open: true,
    };
  });
  const positionsInCity = new Map<string, string[]>();
  const positionsInCounty = new Map<string, string[]>();
  for (const p of positions) {
    positionsInCity.set(p.regionCode.slice(0, 4), [...(positionsInCity.get(p.regionCode.slice(0, 4)) ?? []), p.id]);
    positionsInCounty.set(p.regionCode.slice(0, 6), [...(positionsInCounty.get(p.regionCode.slice(0, 6)) ?? []), p.id]);
  }

  const talents: MatchTalent[] = [];
  const rankings = new Map<string, string[]>();
  for (let i = 0; i < ROUND.talents; i++) {
    const home = weightedTownship();
    const homeRegion = r.next() < 0.8 ? home : r.next() < 0.5 ? home.slice(0, 6) : null;
    const preferred = r.some([home.slice(0, 6), home.slice(0, 4), r.pick(cities), r.pick(counties), r.pick(townships)], 0, 3);
    const isDirected = r.next() < ROUND.directedShare;
    const target = r.next() < 0.7 ? home.slice(0, 6) : home.slice(0, 4);
    const targetEmployer = isDirected && r.next() < 0.1 ? r.pick(employersIn.get(target) ?? [null]) : null;
    const q = r.next();
    const id = `t${pad(i, 6)}`;
    talents.push({
      id,
      educationLevel: r.pick(['associate', 'bachelor', 'bachelor', 'bachelor', 'master', 'secondary']),
      qualificationLevel: q < 0.5 ? 'none' : q < 0.85 ? 'assistant' : q < 0.97 ? 'intermediate' : 'senior',
      serviceAreas: r.some(AREAS, 1, 3),
      languages: ['mandarin', ...(r.next() < 0.25 ? ['mongolian'] : []), ...(r.next() < 0.1 ? ['english'] : [])],
      regionCode: homeRegion,
      preferredRegions: preferred,
      directed: isDirected ? { targetRegionCode: target, targetEmployerId: targetEmployer } : null,
      history: {
        employerIds: r.next() < 0.3 ? r.some(employers, 1, 2).map((e) => e.id) : [],
        positionKinds: r.next() < 0.5 ? r.some(KINDS, 1, 2) : [],
        internshipEmployerIds: r.next() < 0.4 ? [r.pick(employersIn.get(home.slice(0, 4)) ?? ['none'])] : [],
      },
    });
    if (r.next() < ROUND.submittedShare) {
      const near = isDirected ? (target.length === 6 ? positionsInCounty.get(target) : positionsInCity.get(target)) : positionsInCity.get(home.slice(0, 4));
      const list = new Set<string>();
      const k = r.int(10, 30);
      for (let x = 0; x < k * 3 && list.size < k; x++) list.add(near?.length && r.next() < 0.8 ? r.pick(near) : r.pick(positions).id);
      rankings.set(id, [...list]);
    }
  }
  return { talents, positions, rankings };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const REPEAT = 3;

function partRound() {
  const t0 = performance.now();
  const data = generateRound();
  const generateMs = performance.now() - t0;
  // Three runs of each step on the same data; the table shows the median (the machine is shared).
  const build: number[] = [];
  const core: number[] = [];
  const explain: number[] = [];
  let built!: ReturnType<typeof buildRound>;
  let result!: ReturnType<typeof explainRound>;
  let firstRunRssMB = 0;
  for (let run = 0; run < REPEAT; run++) {
    const t1 = performance.now();
    built = buildRound({ talents: data.talents, positions: data.positions, rankings: data.rankings });
    const t2 = performance.now();
    const da = solveRound(built);
    const t3 = performance.now();
    result = explainRound(built, da);
    const t4 = performance.now();
    build.push(t2 - t1);
    core.push(t3 - t2);
    explain.push(t4 - t3);
    // Peak of data generation + one round: later runs overlap with the garbage of earlier ones.
    if (run === 0) firstRunRssMB = process.resourceUsage().maxRSS / 1024;
  }
  // One talent's list on its own (what a recommendation page needs from the core): the index is
  // built once per set of posts, then each talent is one top() call.
  const ctx = new MatchContext();
  const prepared = [...data.positions].sort((a, b) => (a.id < b.id ? -1 : 1)).map((p) => ctx.position(p));
  const t5 = performance.now();
  const index = new PositionIndex(ctx, prepared);
  const indexMs = performance.now() - t5;
  const single: number[] = [];
  for (const t of data.talents.slice(0, 10_000)) {
    const pt = ctx.talent(t);
    const t6 = performance.now();
    index.top(pt, 30);
    single.push(performance.now() - t6);
  }
  single.sort((a, b) => a - b);

  const derived = result.talents.filter((t) => t.listSource === 'derived');
  const derivedLen = derived.reduce((a, t) => a + t.list.length, 0) / Math.max(1, derived.length);
  return {
    generateMs,
    buildMs: median(build),
    coreMs: median(core),
    explainMs: median(explain),
    totalMs: median(build.map((b, i) => b + core[i] + explain[i])),
    runs: { build, core, explain },
    indexMs,
    singleP50Ms: single[Math.floor(single.length * 0.5)],
    singleP95Ms: single[Math.floor(single.length * 0.95)],
    singleMaxMs: single[single.length - 1],
    stats: result.stats,
    derivedTalents: derived.length,
    derivedMeanLength: derivedLen,
    blindPairs: data.talents.length * data.positions.length,
    unassigned: Object.fromEntries(
      ['empty_list', 'no_eligible_position', 'none_eligible', 'all_refused'].map((k) => [k, result.talents.filter((t) => t.unassignedReason === k).length]),
    ),
    maxRssMB: firstRunRssMB,
  };
}

// ---------------------------------------------------------------- part 2: the core at national scale
function partNational(seatsPerPost: number, seed = 7) {
  const n = 1_000_000;
  const m = 50_000;
  const provinces = 31;
  const r = rng(seed);
  const t0 = performance.now();

  // Posts: province, popularity (how talents like it), seats, reserved seats.
  const seats = new Int32Array(m);
  const reserved = new Int32Array(m);
  const popularity = new Float64Array(m);
  const byProvince: number[][] = Array.from({ length: provinces }, () => []);
  for (let j = 0; j < m; j++) {
    seats[j] = Math.max(1, Math.round(seatsPerPost * (0.25 + 1.5 * r.next())));
    reserved[j] = r.next() < 0.3 ? Math.max(1, Math.round(seats[j] * 0.3)) : 0;
    popularity[j] = r.next() ** 2; // a few posts are wanted by many
    byProvince[j % provinces].push(j);
  }
  // Talents: lists of up to 30 distinct posts, 80 % in their province (directed: all), sorted by
  // the talent's taste; the post's score of the talent is an integer 0–121 (ties happen).
  const directed = new Uint8Array(n);
  const listStart = new Int32Array(n + 1);
  const cap = n * 30;
  let listPosition = new Int32Array(cap);
  let listScore = new Float64Array(cap);
  let used = 0;
  const picked: number[] = [];
  const taste: number[] = [];
  const order: number[] = [];
  for (let t = 0; t < n; t++) {
    listStart[t] = used;
    const province = byProvince[t % provinces];
    const isDirected = r.next() < 0.2;
    directed[t] = isDirected ? 1 : 0;
    const len = r.next() < 0.5 ? 30 : r.int(5, 29);
    const merit = r.next();
    picked.length = 0;
    taste.length = 0;
    for (let tries = 0; picked.length < len && tries < len * 4; tries++) {
      const j = isDirected || r.next() < 0.8 ? province[Math.floor(r.next() * province.length)] : Math.floor(r.next() * m);
      if (picked.includes(j)) continue;
      picked.push(j);
      taste.push(popularity[j] + 0.5 * r.next());
    }
    order.length = 0;
    for (let x = 0; x < picked.length; x++) order.push(x);
    order.sort((a, b) => taste[b] - taste[a]);
    for (const x of order) {
      listPosition[used] = picked[x];
      listScore[used] = Math.round(121 * (0.6 * merit + 0.4 * r.next()));
      used++;
    }
  }
  listStart[n] = used;
  listPosition = listPosition.subarray(0, used);
  listScore = listScore.subarray(0, used);
  // tieRank: directed first, then talent index (standing in for id order).
  const tieRank = new Int32Array(n);
  let k = 0;
  for (let t = 0; t < n; t++) if (directed[t]) tieRank[t] = k++;
  for (let t = 0; t < n; t++) if (!directed[t]) tieRank[t] = k++;
  const t1 = performance.now();

  const res = deferredAcceptance({ talentCount: n, positionCount: m, listStart, listPosition, listScore, directed, tieRank, seats, reserved });
  const t2 = performance.now();

  let matched = 0;
  for (let t = 0; t < n; t++) if (res.matchedEntry[t] >= 0) matched++;
  let totalSeats = 0;
  let totalReserved = 0;
  let reservedFilled = 0;
  for (let j = 0; j < m; j++) {
    totalSeats += seats[j];
    totalReserved += reserved[j];
    reservedFilled += res.reservedCount[j];
  }
  return {
    generateMs: t1 - t0,
    coreMs: t2 - t1,
    talents: n,
    positions: m,
    seats: totalSeats,
    reservedSeats: totalReserved,
    reservedFilled,
    listEntries: used,
    proposals: res.proposals,
    matched,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  };
}

// ---------------------------------------------------------------- driver
type RoundOut = ReturnType<typeof partRound>;
type NationalOut = ReturnType<typeof partNational>;

function child(part: string): unknown {
  const out = spawnSync(process.execPath, [...process.execArgv, THIS, '--part', part], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (out.status !== 0) throw new Error(`part ${part} failed:\n${out.stderr}`);
  const line = out.stdout.trim().split('\n').pop()!;
  return JSON.parse(line);
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const int = (x: number) => Math.round(x).toLocaleString('en-US');

function report(round: RoundOut, enough: NationalOut, scarce: NationalOut): string {
  const cpu = cpus()[0]?.model ?? 'unknown';
  const st = round.stats;
  const lines = [
    `Machine: ${availableParallelism()} CPUs (nproc), ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`,
    '',
    `**Round at NRMP 2024 scale** — ${int(st.talents)} talents (${int(st.directedTalents)} directed), ${int(st.positions)} positions, ${int(st.seats)} seats (${int(st.reservedSeats)} reserved), ${int(round.derivedTalents)} derived lists (mean length ${round.derivedMeanLength.toFixed(1)}), ${int(st.talents - round.derivedTalents)} submitted; ${int(st.listEntries)} eligible list entries.`,
    '',
    '| step | time | notes |',
    '| --- | ---: | --- |',
    `| lists: candidate generation + scoring (buildRound) | ${s(round.buildMs)} | ${int(st.pairsScored)} pairs scored = ${((100 * st.pairsScored) / round.blindPairs).toFixed(2)} % of the ${int(round.blindPairs)} a blind search would score |`,
    `| matching core (deferred acceptance) | ${s(round.coreMs)} | ${int(st.proposals)} proposals |`,
    `| explanations (explainRound) | ${s(round.explainMs)} | cut-offs, refusals above each outcome, breakdown of each match |`,
    `| **round core total** | **${s(round.totalMs)}** | no database here: loading and storing come with the DB-backed round |`,
    `| peak RSS (whole process: data generation + one round) | ${int(round.maxRssMB)} MB | target for the whole DB-backed round: ≤ 1.5 GB |`,
    '',
    `Times are the median of ${REPEAT} runs on the same data (build: ${round.runs.build.map((x) => s(x)).join(', ')}). One talent's list alone: index over the 6,400 posts built in ${round.indexMs.toFixed(0)} ms, then top 30 for one talent p50 ${(round.singleP50Ms * 1000).toFixed(0)} µs, p95 ${(round.singleP95Ms * 1000).toFixed(0)} µs, max ${round.singleMaxMs.toFixed(1)} ms (10,000 talents).`,
    '',
    `Outcome: ${int(st.matched)} matched (${int(st.matchedDirected)} directed), ${int(st.reservedFilled)} reserved seats held by directed talents, ${int(st.unfilledSeats)} seats unfilled; unassigned: ${Object.entries(
      round.unassigned,
    )
      .map(([k, v]) => `${k} ${int(v)}`)
      .join(', ')}.`,
    '',
    '**Matching core alone at national scale** — 1,000,000 talents (20 % directed), 50,000 positions (30 % with reserved seats), lists of 5–30 (half of them 30), integer scores with ties. Target ≤ 30 s.',
    '',
    '| case | seats | list entries | proposals | matched | core time | peak RSS |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...[
      ['seats for ~83 % of talents (NRMP ratio)', enough],
      ['scarce seats (6.5 a post)', scarce],
    ].map(
      ([name, x]) =>
        `| ${name} | ${int((x as NationalOut).seats)} | ${int((x as NationalOut).listEntries)} | ${int((x as NationalOut).proposals)} | ${int((x as NationalOut).matched)} | **${s((x as NationalOut).coreMs)}** | ${int((x as NationalOut).maxRssMB)} MB |`,
    ),
    '',
    `(Generating the national lists took ${s(enough.generateMs)} and ${s(scarce.generateMs)}; not part of the core time. Peak RSS includes them.)`,
  ];
  return lines.join('\n');
}

function main() {
  const args = process.argv.slice(2);
  const part = args.includes('--part') ? args[args.indexOf('--part') + 1] : null;
  if (part === 'round') return console.log(JSON.stringify(partRound()));
  if (part === 'national-enough') return console.log(JSON.stringify(partNational(16.6)));
  if (part === 'national-scarce') return console.log(JSON.stringify(partNational(6.5)));

  console.error('part 1: a 50,000-talent round …');
  const round = child('round') as RoundOut;
  console.error('part 2: the core at 1,000,000 talents (two cases) …');
  const enough = child('national-enough') as NationalOut;
  const scarce = child('national-scarce') as NationalOut;
  const table = report(round, enough, scarce);
  console.log(table);
  if (args.includes('--record')) {
    const doc = [
      '# Benchmark: the matching core',
      '',
      '`npx tsx test/bench/matching.ts --record` (pure functions, no database, no HTTP; see the comment at the top',
      'of the script for what it generates). It never fails on a time.',
      '',
      'Targets from issue #4: the whole round end to end (load from the database, score, match, store',
      'proposals) ≤ 5 s with peak memory ≤ 1.5 GB at 50,000 talents — the numbers below are the pure part',
      'of that round, the database part comes with the DB-backed round; the matching core alone at',
      'national scale (1,000,000 talents, 50,000 positions) ≤ 30 s.',
      '',
      'How it is measured: each part runs in its own child process; times are wall clock',
      "(`performance.now()`) around each step; peak RSS is the process's `getrusage` maxrss",
      '(`process.resourceUsage().maxRSS`, the number `/usr/bin/time -v` reports as "Maximum resident set',
      'size"), so it includes generating the data. The data are synthetic and seeded (same every run): a',
      '内蒙古-like tree of 12 cities, 96 counties and 960 townships; posts with 1–20 seats, 30 % of them',
      'with reserved seats, 8 % requiring Mongolian, 20 % requiring a qualification; talents with 1–3',
      'service areas, 0–3 preferred regions, placement and internship history; directed talents targeted',
      'at their home county or city (10 % also at an employer). The machine is shared with other work,',
      'so expect ±20 % between runs.',
      '',
      '## Results',
      '',
      table,
      '',
    ].join('\n');
    writeFileSync(join(HERE, 'MATCHING.md'), doc);
    console.error('wrote test/bench/MATCHING.md');
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
