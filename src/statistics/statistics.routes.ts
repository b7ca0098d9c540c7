import { createRoute } from '@hono/zod-openapi';
import { errorResponses, jsonContent } from '../lib/openapi';
import {
  DimensionParam,
  DirectedTrainingSchema,
  LapsingSchema,
  MonthlyPlacementsSchema,
  MonthlyQuery,
  RegionPageQuery,
  RegionQuery,
  SchoolCoverageSchema,
  SupplyDemandSchema,
  TalentBreakdownSchema,
  TownshipCoverageSchema,
} from './statistics.schemas';

const tags = ['Statistics'];
const who = 'Departments (their region subtree) and admins; `region` outside it → 404.';
const answer = 'The figures, with a drill-down by child region';

export const talents = createRoute({
  method: 'get',
  path: '/statistics/talents/{dimension}',
  tags,
  summary: `Talents by qualification, education, service area, language, age band, gender, ethnicity or availability, per child region. ${who}`,
  request: { params: DimensionParam, query: RegionQuery },
  responses: { 200: jsonContent(TalentBreakdownSchema, answer), ...errorResponses },
});

export const supplyDemand = createRoute({
  method: 'get',
  path: '/statistics/supply-demand',
  tags,
  summary: `Open seats against available talents by region × service area, with the gap. ${who}`,
  request: { query: RegionQuery },
  responses: { 200: jsonContent(SupplyDemandSchema, answer), ...errorResponses },
});

export const townshipCoverage = createRoute({
  method: 'get',
  path: '/statistics/township-coverage',
  tags,
  summary: `Townships with an active placement at their social work station, of all townships; the uncovered ones paged. ${who}`,
  request: { query: RegionPageQuery },
  responses: { 200: jsonContent(TownshipCoverageSchema, answer), ...errorResponses },
});

export const schoolCoverage = createRoute({
  method: 'get',
  path: '/statistics/school-coverage',
  tags,
  summary: `Schools (一校一社工) with an active placement, of all registered schools; the uncovered ones paged. ${who}`,
  request: { query: RegionPageQuery },
  responses: { 200: jsonContent(SchoolCoverageSchema, answer), ...errorResponses },
});

export const placementsMonthly = createRoute({
  method: 'get',
  path: '/statistics/placements-monthly',
  tags,
  summary: `Placements per start month by kind (the last 24 months, or from/to). ${who}`,
  request: { query: MonthlyQuery },
  responses: { 200: jsonContent(MonthlyPlacementsSchema, answer), ...errorResponses },
});

export const directedTraining = createRoute({
  method: 'get',
  path: '/statistics/directed-training',
  tags,
  summary: `Directed-training agreements by status, fulfilment and early-leave rates, still serving after 1, 2 and 3 years. ${who}`,
  request: { query: RegionQuery },
  responses: { 200: jsonContent(DirectedTrainingSchema, answer), ...errorResponses },
});

export const lapsingRegistrations = createRoute({
  method: 'get',
  path: '/statistics/lapsing-registrations',
  tags,
  summary: `Certificate registrations lapsing in the next 90 days: counts and a masked list. ${who}`,
  request: { query: RegionPageQuery },
  responses: { 200: jsonContent(LapsingSchema, answer), ...errorResponses },
});
