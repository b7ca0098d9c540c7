// Stored rows → the pure matching core's inputs; shared by recommendations, the open-positions
// cache and rounds' snapshot (so all three score a talent and a post the same way).
import { parseList } from '../positions';
import type { TalentRecord } from '../talents';
import type { MatchPosition, MatchTalent } from '../matching';

const NO_HISTORY = { employerIds: [], internshipEmployerIds: [], positionKinds: [] };

export function toMatchTalent(
  t: Pick<TalentRecord, 'id' | 'education_level' | 'qualification_level' | 'service_areas' | 'languages' | 'region_code' | 'preferred_regions'>,
  extra: {
    directed?: MatchTalent['directed'];
    history?: MatchTalent['history'];
  },
): MatchTalent {
  return {
    id: t.id,
    educationLevel: t.education_level,
    qualificationLevel: t.qualification_level,
    serviceAreas: parseList(t.service_areas),
    languages: parseList(t.languages),
    regionCode: t.region_code,
    preferredRegions: parseList(t.preferred_regions),
    directed: extra.directed ?? null,
    history: extra.history ?? NO_HISTORY,
  };
}

export function toMatchPosition(
  p: {
    id: string;
    employer_id: string;
    kind: string;
    region_code: string;
    reserved_seats: number;
    min_education: string | null;
    min_qualification: string;
    service_areas: string;
    languages: string;
  },
  seats: number,
  open: boolean,
): MatchPosition {
  return {
    id: p.id,
    employerId: p.employer_id,
    kind: p.kind,
    regionCode: p.region_code,
    seats,
    reservedSeats: Math.min(p.reserved_seats, Math.max(0, seats)),
    minEducation: p.min_education,
    minQualification: p.min_qualification,
    serviceAreas: parseList(p.service_areas),
    languages: parseList(p.languages),
    open,
  };
}
