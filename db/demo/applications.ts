// Applications with their histories: talents who are looking apply to published posts, employers
// move them along submitted → reviewing → interview → offer → hired | rejected, some withdraw.
import type { Application, Talent } from '../schema';
import * as D from './data';
import { DAY, type Rng } from './random';

const MINUTE = 60_000;
import type { PositionPlan } from './positions';

export interface ApplicationEventRow {
  id: string;
  application_id: string;
  from_status: string | null;
  to_status: string;
  actor_user_id: string | null;
  note: string | null;
  created_at: number;
}

export interface ApplicationPlan {
  row: Application;
  events: ApplicationEventRow[];
}

type Flow = readonly string[];
const S = 'submitted',
  R = 'reviewing',
  I = 'interview',
  O = 'offer';
const OPEN_FLOWS: [Flow, number][] = [
  [[S], 30],
  [[S, R], 20],
  [[S, R, I], 13],
  [[S, R, I, O], 7],
  [[S, R, I, O, 'hired'], 7],
  [[S, R, 'rejected'], 8],
  [[S, R, I, 'rejected'], 7],
  [[S, 'withdrawn'], 5],
  [[S, R, 'withdrawn'], 3],
];
// A closed post's applications have all been decided.
const CLOSED_FLOWS: [Flow, number][] = [
  [[S, R, I, O, 'hired'], 20],
  [[S, R, 'rejected'], 40],
  [[S, R, I, 'rejected'], 30],
  [[S, 'withdrawn'], 10],
];

export class ApplicationPlanner {
  private readonly taken = new Set<string>();

  constructor(
    private readonly rng: Rng,
    private readonly now: number,
  ) {}

  /** An application, or null if this talent already applied to this post. Hiring marks the talent employed. */
  plan(position: PositionPlan, talent: Talent, flow?: Flow): ApplicationPlan | null {
    const { rng, now } = this;
    const p = position.row;
    const key = `${p.id}:${talent.id}`;
    if (this.taken.has(key) || p.published_at === null) return null;
    this.taken.add(key);
    const steps = flow ?? rng.weighted(p.status === 'closed' ? CLOSED_FLOWS : OPEN_FLOWS);
    const closes = Date.parse(`${p.closes_on}T23:59:59Z`);
    const created = p.published_at + Math.floor(rng.next() * (Math.min(now, closes) - p.published_at) * 0.7);
    // Later steps are spread over what is left before now (and not long after the post closed).
    const limit = Math.min(now, closes + 30 * DAY);
    const id = rng.id();
    const events: ApplicationEventRow[] = [];
    let at = created;
    let from: string | null = null;
    for (const to of steps) {
      if (from !== null) at += Math.max(MINUTE, Math.floor(rng.next() * ((limit - at) / steps.length)));
      events.push({
        id: rng.id(),
        application_id: id,
        from_status: from,
        to_status: to,
        actor_user_id: null,
        note: to === S ? null : rng.pick(D.EVENT_NOTES[to]),
        created_at: at,
      });
      from = to;
    }
    if (from === 'hired') {
      talent.availability = 'employed';
      talent.updated_at = Math.max(talent.updated_at, at);
    }
    return {
      events,
      row: {
        id,
        position_id: p.id,
        talent_id: talent.id,
        status: from!,
        cover_letter: rng.pick(D.COVER_LETTERS),
        created_at: created,
        updated_at: at,
        // Demo talents let employers see their contact from the interview stage on (the default).
        contact_consent: 1,
        contact_shown_at: from === 'interview' || from === 'offer' || from === 'hired' ? at : null,
        interview_on: null,
        interview_time: null,
        interview_place: null,
        interview_link: null,
      },
    };
  }
}
