// Plain talents and positions for unit tests: everything neutral unless overridden.
import type { MatchPosition, MatchTalent } from '../../src/matching/types';

export const talent = (over: Partial<MatchTalent> = {}): MatchTalent => ({
  id: 't1',
  educationLevel: 'bachelor',
  qualificationLevel: 'none',
  serviceAreas: [],
  languages: ['mandarin'],
  regionCode: null,
  preferredRegions: [],
  directed: null,
  history: { employerIds: [], positionKinds: [], internshipEmployerIds: [] },
  ...over,
});

export const position = (over: Partial<MatchPosition> = {}): MatchPosition => ({
  id: 'p1',
  employerId: 'e1',
  kind: 'station_worker',
  regionCode: '150102001',
  seats: 1,
  reservedSeats: 0,
  minEducation: null,
  minQualification: 'none',
  serviceAreas: [],
  languages: [],
  open: true,
  ...over,
});
