// The demo's agreements, placements, coverage, certificates and round obey the app's rules. Each
// check is computed here from the rows (served days, eligibility, legal moves), independently of
// the generator's code, at two dates: before graduation season (1 June, this year's class still in
// training) and late in the year (29 November, this year's class graduated).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type BetterSqlite3 from 'better-sqlite3';
import { openMemoryCopy } from '../../db/sqlite';
import { COVERAGE_CITIES, generateDemoData, SHOWCASE_CITY, type DemoSummary } from '../../db/demo/generate';
import { DIRECTED_INSTITUTIONS } from '../../db/demo/agreements';
import { createFieldCrypto } from '../../src/lib/crypto';
import { mayMove, type AgreementStatus } from '../../src/agreements/agreements.states';
import { EDUCATION_LEVELS, QUALIFICATION_LEVELS, rankOf } from '../../src/lib/vocab';

const SCALE = { talents: 1500, employers: 120, positions: 300, applications: 700 };
const DAY = 86_400_000;

interface AgreementRow {
  id: string;
  talent_id: string;
  sponsor_user_id: string;
  sponsor_region_code: string;
  target_region_code: string;
  target_employer_id: string | null;
  institution: string;
  enrolment_year: number;
  graduation_year: number;
  service_years: number;
  signed_on: string;
  status: AgreementStatus;
  status_note: string | null;
  created_at: number;
  updated_at: number;
}
interface PlacementRow {
  id: string;
  talent_id: string;
  employer_id: string;
  position_id: string | null;
  kind: string;
  start_on: string;
  end_on: string | null;
  end_reason: string | null;
  source: string;
  source_id: string | null;
  agreement_id: string | null;
  created_by: string | null;
  created_at: number;
}

/** Inclusive days from start to min(end, today); 0 if it starts after today (the documented rule). */
function days(start: string, end: string | null, today: string): number {
  const last = end !== null && end < today ? end : today;
  return last < start ? 0 : (Date.parse(last) - Date.parse(start)) / DAY + 1;
}

const chinaDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
const graduated = (year: number, today: string) => `${year}-07-01` <= today;

for (const nowIso of ['2026-06-01T08:00:00Z', '2026-11-29T02:00:00Z']) {
  const NOW = Date.parse(nowIso);
  const TODAY = chinaDate(NOW);

  describe(`demo careers at ${TODAY}`, () => {
    let sqlite: BetterSqlite3.Database;
    let summary: DemoSummary;
    const all = <T>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).all(...params) as T[];
    const one = <T>(sql: string, ...params: unknown[]) =>
      sqlite
        .prepare(sql)
        .pluck()
        .get(...params) as T;
    let agreements: AgreementRow[];
    let placements: PlacementRow[];
    let byAgreement: Map<string, PlacementRow[]>;

    beforeAll(async () => {
      const fieldCrypto = await createFieldCrypto(randomBytes(32).toString('base64'));
      sqlite = openMemoryCopy().sqlite;
      summary = await generateDemoData(sqlite, { fieldCrypto, seed: 99, scale: SCALE, now: NOW });
      agreements = all<AgreementRow>('SELECT * FROM agreements ORDER BY id');
      placements = all<PlacementRow>('SELECT * FROM placements ORDER BY id');
      byAgreement = new Map();
      for (const p of placements) if (p.agreement_id) byAgreement.set(p.agreement_id, [...(byAgreement.get(p.agreement_id) ?? []), p]);
    });
    afterAll(() => sqlite?.close());

    it('passes SQLite’s own integrity and foreign-key checks', () => {
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    });

    describe('agreements', () => {
      it('cover about a fifth of the recent graduates and students, every status represented where the date allows', () => {
        const year = Number(TODAY.slice(0, 4));
        const recent = one<number>("SELECT count(*) FROM talents WHERE graduation_year >= ? AND education_level != 'secondary'", year - 5);
        expect(agreements.length).toBe(summary.counts.agreements);
        expect(agreements.length / recent).toBeGreaterThan(0.15);
        expect(agreements.length / recent).toBeLessThan(0.25);
        const statuses = new Set(agreements.map((a) => a.status));
        for (const s of ['in_training', 'awaiting_placement', 'serving', 'fulfilled', 'breached']) expect(statuses, s).toContain(s);
        expect(one<number>('SELECT count(DISTINCT talent_id) FROM agreements')).toBe(agreements.length);
      });

      it('are signed by a department for a talent in its region, targeting a region inside it, at an Inner Mongolian institution', () => {
        const users = new Map(all<{ id: string; role: string; region_code: string }>('SELECT id, role, region_code FROM users').map((u) => [u.id, u]));
        const talents = new Map(
          all<{ id: string; region_code: string; school: string; graduation_year: number; created_at: number }>(
            'SELECT id, region_code, school, graduation_year, created_at FROM talents',
          ).map((t) => [t.id, t]),
        );
        const employers = new Map(all<{ id: string; region_code: string }>('SELECT id, region_code FROM employers').map((e) => [e.id, e]));
        const regions = new Set(sqlite.prepare('SELECT code FROM regions').pluck().all() as string[]);
        for (const a of agreements) {
          const sponsor = users.get(a.sponsor_user_id)!;
          const talent = talents.get(a.talent_id)!;
          expect(sponsor.role).toBe('department');
          expect(sponsor.region_code).toBe(a.sponsor_region_code);
          expect(talent.region_code.startsWith(a.sponsor_region_code), a.id).toBe(true);
          expect(a.target_region_code.startsWith(a.sponsor_region_code), a.id).toBe(true);
          expect(regions.has(a.target_region_code)).toBe(true);
          if (a.target_employer_id) expect(employers.get(a.target_employer_id)!.region_code.startsWith(a.target_region_code)).toBe(true);
          expect(DIRECTED_INSTITUTIONS.has(a.institution), a.institution).toBe(true);
          expect(a.institution).toBe(talent.school);
          expect(a.graduation_year).toBe(talent.graduation_year);
          expect(a.graduation_year - a.enrolment_year).toBeGreaterThanOrEqual(2);
          expect(a.graduation_year - a.enrolment_year).toBeLessThanOrEqual(4);
          expect(a.service_years).toBeGreaterThanOrEqual(3);
          expect(a.service_years).toBeLessThanOrEqual(5);
          expect(a.signed_on.slice(0, 4)).toBe(String(a.enrolment_year));
          expect(a.signed_on < `${a.enrolment_year}-09-01`).toBe(true);
          expect(Date.parse(a.signed_on)).toBeLessThan(a.created_at);
          expect(talent.created_at).toBeLessThanOrEqual(a.created_at);
        }
      });

      it('have a history of legal moves only, ending in their status, all in the past', () => {
        const events = all<{ agreement_id: string; from_status: string | null; to_status: AgreementStatus; note: string | null; actor_user_id: string | null; created_at: number }>(
          'SELECT * FROM agreement_events ORDER BY agreement_id, created_at, rowid',
        );
        expect(events.length).toBe(summary.counts.agreementEvents);
        const of = new Map<string, typeof events>();
        for (const e of events) of.set(e.agreement_id, [...(of.get(e.agreement_id) ?? []), e]);
        for (const a of agreements) {
          const h = of.get(a.id)!;
          expect(h[0].from_status).toBeNull();
          expect(['in_training', 'awaiting_placement']).toContain(h[0].to_status);
          expect(h[0].created_at).toBe(a.created_at);
          for (let i = 1; i < h.length; i++) {
            expect(h[i].from_status).toBe(h[i - 1].to_status);
            expect(mayMove(h[i].from_status as AgreementStatus, h[i].to_status), `${a.id}: ${h[i].from_status} → ${h[i].to_status}`).toBe(true);
            expect(h[i].created_at).toBeGreaterThanOrEqual(h[i - 1].created_at);
          }
          expect(h.at(-1)!.to_status).toBe(a.status);
          expect(h.at(-1)!.created_at).toBe(a.updated_at);
          expect(a.updated_at).toBeLessThanOrEqual(NOW);
          if (a.status === 'breached' || a.status === 'waived') {
            expect(a.status_note).toBeTruthy();
            expect(h.at(-1)!.note).toBe(a.status_note);
          }
          // Starting service names the placement, as the app's note does.
          const started = h.find((e) => e.to_status === 'serving');
          if (started) expect((byAgreement.get(a.id) ?? []).map((p) => `placement ${p.id}`)).toContain(started.note);
        }
      });

      it('are where their timeline says: in training before graduation, serving short of the owed days, fulfilled with them served', () => {
        for (const a of agreements) {
          const ps = byAgreement.get(a.id) ?? [];
          const served = ps.reduce((n, p) => n + days(p.start_on, p.end_on, TODAY), 0);
          const owed = a.service_years * 365;
          const open = ps.filter((p) => p.end_on === null);
          switch (a.status) {
            case 'in_training':
              expect(graduated(a.graduation_year, TODAY), a.id).toBe(false);
              expect(ps).toEqual([]);
              break;
            case 'awaiting_placement':
              expect(graduated(a.graduation_year, TODAY), a.id).toBe(true);
              expect(ps).toEqual([]);
              break;
            case 'serving':
              expect(open.length, a.id).toBe(1);
              expect(served, a.id).toBeLessThan(owed);
              break;
            case 'fulfilled':
              expect(served, a.id).toBeGreaterThanOrEqual(owed);
              break;
            case 'breached':
            case 'waived':
              expect(open, a.id).toEqual([]);
              expect(served, a.id).toBeLessThan(owed);
              break;
          }
        }
      });

      it('place people only inside the target region (at the named employer if any), after graduation, one placement at a time', () => {
        const employers = new Map(all<{ id: string; region_code: string; status: string }>('SELECT id, region_code, status FROM employers').map((e) => [e.id, e]));
        const byId = new Map(agreements.map((a) => [a.id, a]));
        expect(byAgreement.size).toBeGreaterThan(0);
        for (const [id, ps] of byAgreement) {
          const a = byId.get(id)!;
          const sorted = [...ps].sort((x, y) => (x.start_on < y.start_on ? -1 : 1));
          for (const [i, p] of sorted.entries()) {
            expect(p.talent_id).toBe(a.talent_id);
            expect(p.kind).toBe('employment');
            expect(['direct', 'application', 'round']).toContain(p.source); // imports carry no agreement
            expect(employers.get(p.employer_id)!.region_code.startsWith(a.target_region_code), `${p.id} in ${a.target_region_code}`).toBe(true);
            if (a.target_employer_id) expect(p.employer_id).toBe(a.target_employer_id);
            expect(p.start_on > `${a.graduation_year}-07-01`).toBe(true);
            if (i > 0) expect(sorted[i - 1].end_on! < p.start_on).toBe(true);
          }
        }
      });
    });

    describe('placements', () => {
      it('are well-formed: dates in order and in the past, a reason for every end, verified employers, recorded after verification', () => {
        const employers = new Map(
          all<{ id: string; status: string; reviewed_at: number | null; internship_base: number }>('SELECT id, status, reviewed_at, internship_base FROM employers').map((e) => [
            e.id,
            e,
          ]),
        );
        const talentCreated = new Map(all<{ id: string; created_at: number }>('SELECT id, created_at FROM talents').map((t) => [t.id, t.created_at]));
        const positions = new Map(all<{ id: string; employer_id: string }>('SELECT id, employer_id FROM positions').map((p) => [p.id, p.employer_id]));
        expect(placements.length).toBe(summary.counts.placements);
        for (const p of placements) {
          expect(p.start_on <= TODAY, p.id).toBe(true);
          if (p.end_on !== null) {
            expect(p.end_on >= p.start_on).toBe(true);
            expect(p.end_on < TODAY).toBe(true); // ended before today: the statistics count a placement ending today as active
            expect(p.end_reason).toBeTruthy();
          } else expect(p.end_reason).toBeNull();
          const e = employers.get(p.employer_id)!;
          expect(e.status).toBe('verified');
          expect(p.created_at).toBeGreaterThan(e.reviewed_at!);
          expect(p.created_at).toBeLessThanOrEqual(NOW);
          expect(talentCreated.get(p.talent_id)!).toBeLessThanOrEqual(p.created_at);
          if (p.position_id) expect(positions.get(p.position_id)).toBe(p.employer_id);
          if (p.kind === 'internship') expect(e.internship_base).toBe(1);
        }
        const sources = new Set(placements.map((p) => `${p.kind}/${p.source}`));
        for (const s of ['employment/application', 'employment/direct', 'employment/import', 'internship/direct']) expect(sources).toContain(s);
        expect(placements.some((p) => p.start_on < chinaDate(NOW - 3 * 365 * DAY))).toBe(true);
      });

      it('give everyone at most one open job, and those in one are employed', () => {
        const open = placements.filter((p) => p.kind === 'employment' && p.end_on === null);
        expect(new Set(open.map((p) => p.talent_id)).size).toBe(open.length);
        const availability = new Map(all<{ id: string; availability: string }>('SELECT id, availability FROM talents').map((t) => [t.id, t.availability]));
        for (const p of open) expect(availability.get(p.talent_id), p.talent_id).toBe('employed');
      });

      it('one per hired application: the hire’s talent, post and employer, from the day of the hire', () => {
        const hired = all<{ id: string; talent_id: string; position_id: string; employer_id: string; hired_at: number }>(
          `SELECT a.id, a.talent_id, a.position_id, p.employer_id,
             (SELECT max(created_at) FROM application_events e WHERE e.application_id = a.id) AS hired_at
           FROM applications a JOIN positions p ON p.id = a.position_id WHERE a.status = 'hired'`,
        );
        const fromApplications = new Map(placements.filter((p) => p.source === 'application').map((p) => [p.source_id!, p]));
        expect(hired.length).toBeGreaterThan(0);
        expect(fromApplications.size).toBe(hired.length);
        for (const h of hired) {
          const p = fromApplications.get(h.id)!;
          expect(p).toMatchObject({ talent_id: h.talent_id, position_id: h.position_id, employer_id: h.employer_id, kind: 'employment', agreement_id: null });
          expect(p.start_on).toBe(chinaDate(h.hired_at));
        }
        expect(placements.filter((p) => p.source !== 'application' && p.source !== 'round').every((p) => p.source_id === null)).toBe(true);
      });
    });

    describe('registration times', () => {
      it('a talent is on the register before their applications, agreements and placements', () => {
        const late = one<number>(
          `SELECT count(*) FROM talents t WHERE t.updated_at < t.created_at OR t.updated_at > ?
             OR EXISTS (SELECT 1 FROM applications a WHERE a.talent_id = t.id AND a.created_at < t.created_at)
             OR EXISTS (SELECT 1 FROM agreements g WHERE g.talent_id = t.id AND g.created_at < t.created_at)
             OR EXISTS (SELECT 1 FROM placements p WHERE p.talent_id = t.id AND p.created_at < t.created_at)`,
          NOW,
        );
        expect(late).toBe(0);
      });

      it('an employer registers, is verified, then posts', () => {
        expect(
          one<number>(
            `SELECT count(*) FROM employers e WHERE e.reviewed_at < e.created_at
               OR EXISTS (SELECT 1 FROM positions p WHERE p.employer_id = e.id AND (e.reviewed_at IS NULL OR p.created_at < e.reviewed_at))`,
          ),
        ).toBe(0);
      });
    });

    describe('coverage and certificates', () => {
      it('township stations: every coverage station in a township of the coverage cities, some staffed and some not', () => {
        const stations = all<{ id: string; region_code: string; open: number }>(
          `SELECT e.id, e.region_code, (SELECT count(*) FROM placements p WHERE p.employer_id = e.id AND p.end_on IS NULL AND p.kind = 'employment') AS open
           FROM employers e JOIN regions r ON r.code = e.region_code
           WHERE e.type = 'station' AND e.status = 'verified' AND r.level = 4 AND substr(e.region_code, 1, 4) IN (${COVERAGE_CITIES.map(() => '?').join(',')})`,
          ...COVERAGE_CITIES,
        );
        expect(stations.length).toBeGreaterThanOrEqual(summary.counts.coverageStations);
        const covered = stations.filter((s) => s.open > 0).length;
        expect(covered / stations.length).toBeGreaterThan(0.4);
        expect(covered / stations.length).toBeLessThan(0.85);
        // Townships of the showcase city: covered ones exist, and so do uncovered ones.
        const townships = one<number>('SELECT count(*) FROM regions WHERE level = 4 AND code LIKE ?', `${SHOWCASE_CITY}%`);
        const coveredTownships = new Set(stations.filter((s) => s.open > 0 && s.region_code.startsWith(SHOWCASE_CITY)).map((s) => s.region_code)).size;
        expect(coveredTownships).toBeGreaterThan(0);
        expect(coveredTownships).toBeLessThan(townships);
      });

      it('schools: some registered schools have a school social worker in post, some do not', () => {
        const schools = all<{ open: number }>(
          `SELECT (SELECT count(*) FROM placements p WHERE p.employer_id = e.id AND p.end_on IS NULL AND p.kind = 'employment') AS open
           FROM employers e WHERE e.type = 'school' AND e.status = 'verified'`,
        );
        expect(schools.some((s) => s.open > 0)).toBe(true);
        expect(schools.some((s) => s.open === 0)).toBe(true);
      });

      it('certificates: a few in a hundred registrations lapse within 90 days, some have lapsed, none before qualifying', () => {
        const in90 = chinaDate(NOW + 90 * DAY);
        const lapsing = one<number>('SELECT count(*) FROM talents WHERE registration_valid_until >= ? AND registration_valid_until < ?', TODAY, in90);
        const qualified = one<number>("SELECT count(*) FROM talents WHERE qualification_level != 'none'");
        expect(lapsing).toBeGreaterThan(0);
        expect(lapsing / qualified).toBeLessThan(0.08);
        expect(one<number>('SELECT count(*) FROM talents WHERE registration_valid_until < ?', TODAY)).toBeGreaterThan(0);
        expect(
          one<number>(
            "SELECT count(*) FROM talents WHERE qualification_level != 'none' AND (registration_valid_until IS NULL OR CAST(substr(registration_valid_until, 1, 4) AS INTEGER) <= qualification_year)",
          ),
        ).toBe(0);
      });
    });

    describe('the round collecting choices', () => {
      type RoundPosition = {
        position_id: string;
        seats: number;
        reserved_seats: number;
        status: string;
        region_code: string;
        closes_on: string;
        pseats: number;
        employer_id: string;
        min_education: string | null;
        min_qualification: string;
        languages: string;
        taken: number;
      };
      let round: { id: string; status: string; region_code: string; department_user_id: string; choices_close_on: string };
      let positions: RoundPosition[];

      beforeAll(() => {
        round = sqlite.prepare('SELECT * FROM rounds WHERE id = ?').get(summary.showcase.roundId) as typeof round;
        positions = all<RoundPosition>(
          `SELECT rp.position_id, rp.seats, rp.reserved_seats, p.status, p.region_code, p.closes_on, p.seats AS pseats, p.employer_id,
             p.min_education, p.min_qualification, p.languages,
             (SELECT count(*) FROM placements pl WHERE pl.position_id = p.id AND pl.kind = 'employment' AND pl.end_on IS NULL) AS taken
           FROM round_positions rp JOIN positions p ON p.id = rp.position_id WHERE rp.round_id = ?`,
          round.id,
        );
      });

      it('is the showcase city’s, collecting, opened by that city’s department', () => {
        expect(one<number>("SELECT count(*) FROM rounds WHERE status = 'collecting'")).toBe(1);
        expect(round).toMatchObject({ id: summary.showcase.roundId, status: 'collecting', region_code: SHOWCASE_CITY });
        expect(one<string>('SELECT region_code FROM users WHERE id = ?', round.department_user_id)).toBe(SHOWCASE_CITY);
        expect(round.choices_close_on > TODAY).toBe(true);
      });

      it('offers open posts of the city with free seats, some reserved for directed graduates', () => {
        expect(positions.length).toBe(summary.counts.roundPositions);
        expect(positions.length).toBeGreaterThan(3);
        for (const p of positions) {
          expect(p.status).toBe('open');
          expect(p.region_code.startsWith(SHOWCASE_CITY)).toBe(true);
          expect(p.closes_on >= round.choices_close_on).toBe(true);
          expect(p.seats).toBeGreaterThanOrEqual(1);
          expect(p.seats).toBeLessThanOrEqual(p.pseats - p.taken);
          expect(p.reserved_seats).toBeLessThanOrEqual(p.seats);
        }
        expect(positions.some((p) => p.reserved_seats > 0)).toBe(true);
        expect(positions.some((p) => p.employer_id === summary.showcase.employerId)).toBe(true);
      });

      it('holds every directed graduate awaiting a post in the city, and others who live there and are not in a job', () => {
        const rows = all<{ talent_id: string; agreement_id: string | null; region_code: string; availability: string }>(
          'SELECT rt.talent_id, rt.agreement_id, t.region_code, t.availability FROM round_talents rt JOIN talents t ON t.id = rt.talent_id WHERE rt.round_id = ?',
          round.id,
        );
        const awaiting = agreements.filter((a) => a.status === 'awaiting_placement' && a.target_region_code.startsWith(SHOWCASE_CITY));
        const inRound = new Map(rows.map((r) => [r.talent_id, r]));
        for (const a of awaiting) expect(inRound.get(a.talent_id)?.agreement_id, a.id).toBe(a.id);
        const agreementById = new Map(agreements.map((a) => [a.id, a]));
        const openJob = new Set(placements.filter((p) => p.kind === 'employment' && p.end_on === null).map((p) => p.talent_id));
        for (const r of rows) {
          expect(openJob.has(r.talent_id), r.talent_id).toBe(false);
          expect(r.availability).toBe('available');
          if (r.agreement_id) {
            const a = agreementById.get(r.agreement_id)!;
            expect(a.status).toBe('awaiting_placement');
            expect(a.talent_id).toBe(r.talent_id);
            expect(a.target_region_code.startsWith(SHOWCASE_CITY) || SHOWCASE_CITY.startsWith(a.target_region_code)).toBe(true);
          } else {
            expect(r.region_code.startsWith(SHOWCASE_CITY)).toBe(true);
            expect(agreements.some((a) => a.talent_id === r.talent_id && a.status === 'awaiting_placement')).toBe(false);
          }
        }
        expect(rows.length).toBe(summary.counts.roundTalents);
        expect(rows.filter((r) => r.agreement_id).length).toBeGreaterThan(0);
        expect(rows.filter((r) => !r.agreement_id).length).toBeGreaterThan(0);
      });

      it('has ranked choices from about half, over posts of the round each talent is eligible for', () => {
        const choices = all<{ talent_id: string; rank: number; position_id: string }>(
          'SELECT talent_id, rank, position_id FROM round_choices WHERE round_id = ? ORDER BY talent_id, rank',
          round.id,
        );
        const talents = new Map(
          all<{ id: string; education_level: string | null; qualification_level: string; languages: string; agreement_id: string | null }>(
            'SELECT t.id, t.education_level, t.qualification_level, t.languages, rt.agreement_id FROM round_talents rt JOIN talents t ON t.id = rt.talent_id WHERE rt.round_id = ?',
            round.id,
          ).map((t) => [t.id, t]),
        );
        const agreementById = new Map(agreements.map((a) => [a.id, a]));
        const posts = new Map(positions.map((p) => [p.position_id, p]));
        const lists = new Map<string, typeof choices>();
        for (const c of choices) lists.set(c.talent_id, [...(lists.get(c.talent_id) ?? []), c]);
        expect(lists.size / talents.size).toBeGreaterThan(0.25);
        expect(lists.size / talents.size).toBeLessThan(0.75);
        for (const [talentId, list] of lists) {
          expect(list.map((c) => c.rank)).toEqual(list.map((_, i) => i + 1));
          const t = talents.get(talentId)!;
          const target = t.agreement_id ? agreementById.get(t.agreement_id)! : null;
          for (const c of list) {
            const p = posts.get(c.position_id)!;
            expect(p, c.position_id).toBeDefined();
            expect(rankOf(EDUCATION_LEVELS, t.education_level)).toBeGreaterThanOrEqual(rankOf(EDUCATION_LEVELS, p.min_education));
            expect(rankOf(QUALIFICATION_LEVELS, t.qualification_level)).toBeGreaterThanOrEqual(rankOf(QUALIFICATION_LEVELS, p.min_qualification));
            for (const l of JSON.parse(p.languages) as string[]) expect(JSON.parse(t.languages)).toContain(l);
            if (target) {
              expect(p.region_code.startsWith(target.target_region_code)).toBe(true);
              if (target.target_employer_id) expect(p.employer_id).toBe(target.target_employer_id);
            }
          }
        }
        expect(choices.length).toBe(summary.counts.roundChoices);
      });
    });

    describe('the demo sign-ins', () => {
      it('the graduate is directed, awaiting a post in the city, in the round and free to rank posts', () => {
        const a = agreements.find((x) => x.id === summary.showcase.agreementId)!;
        expect(a).toMatchObject({ talent_id: summary.showcase.talentId, status: 'awaiting_placement', target_region_code: SHOWCASE_CITY, sponsor_region_code: SHOWCASE_CITY });
        expect(one<string | null>('SELECT agreement_id FROM round_talents WHERE round_id = ? AND talent_id = ?', summary.showcase.roundId, summary.showcase.talentId)).toBe(a.id);
        expect(one<number>('SELECT count(*) FROM round_choices WHERE talent_id = ?', summary.showcase.talentId)).toBe(0);
        expect(one<number>("SELECT count(*) FROM applications WHERE talent_id = ? AND status NOT IN ('hired', 'rejected', 'withdrawn')", summary.showcase.talentId)).toBe(3);
      });

      it('the employer is an internship base with an intern now and posts in the round', () => {
        expect(one<number>('SELECT internship_base FROM employers WHERE id = ?', summary.showcase.employerId)).toBe(1);
        expect(one<number>("SELECT count(*) FROM placements WHERE employer_id = ? AND kind = 'internship' AND end_on IS NULL", summary.showcase.employerId)).toBeGreaterThan(0);
      });

      it('the departments exist for the province and every league/city, without a usable password until demo.ts sets one', () => {
        const depts = all<{ id: string; email: string; region_code: string; password_hash: string }>(
          "SELECT id, email, region_code, password_hash FROM users WHERE role = 'department'",
        );
        expect(depts.length).toBe(13);
        expect(Object.keys(summary.showcase.departmentUserIds).sort()).toEqual(depts.map((d) => d.region_code).sort());
        expect(depts.find((d) => d.region_code === '15')!.email).toBe('nmg@demo.shegong.cn');
        expect(depts.find((d) => d.region_code === SHOWCASE_CITY)!.email).toBe('hohhot@demo.shegong.cn');
        for (const d of depts) expect(d.password_hash.startsWith('scrypt$')).toBe(false);
        expect(
          one<number>(
            "SELECT count(*) FROM employers e LEFT JOIN users u ON u.id = e.reviewed_by WHERE e.status != 'pending' AND (u.role IS NOT 'department' OR substr(e.region_code, 1, length(u.region_code)) != u.region_code)",
          ),
        ).toBe(0);
      });
    });
  });
}
