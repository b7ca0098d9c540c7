// Talent profile schemas (request bodies, queries, DTOs). The web forms parse with the same
// TalentProfileInput as the JSON API, so both reject the same input with the same field paths.
import { z } from '@hono/zod-openapi';
import { MOBILE_PATTERN } from '../lib/errors';
import { fieldIssue, fieldText } from '../lib/field-codes';
import { optionalText, requiredText } from '../lib/text';
import { AVAILABILITY, EDUCATION_LEVELS, ETHNICITIES, GENDERS, LANGUAGES, QUALIFICATION_LEVELS, REVEAL_PURPOSES, SERVICE_AREAS, VISIBILITY, codes } from '../lib/vocab';
import { idNumberBirthDate, isValidIdNumber, maskPhone } from '../lib/checksums';
import type { Talent } from '../../db/schema';
import { REGION_CODE_PATTERN } from '../lib/regions-range';
import { PageQuery, pageOf, sortParam } from '../lib/openapi';

export const MAX_PREFERRED_REGIONS = 10;
// Sorted, because Object.keys puts integer-like keys ('10'…'56') before '01'…'09'.
const ETHNICITY_CODES = codes(ETHNICITIES).sort() as [string, ...string[]];

const IsoDate = z.iso.date('must be a date YYYY-MM-DD');
const Year = z.number().int('must be a whole year').min(1950, 'must be 1950 or later').max(2100, 'must be 2100 or earlier');
const RegionCode = z.string().regex(REGION_CODE_PATTERN, 'must be a GB/T 2260 region code of 2, 4, 6 or 9 digits');

/** Lists of codes: each element valid, at most `max`, no element twice (named by its index). */
function uniqueList<T extends z.ZodType<string>>(item: T, max: number) {
  return z
    .array(item)
    .max(max, `must have at most ${max} entries`)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((v, i) => {
        if (seen.has(v)) ctx.addIssue(fieldIssue('listed_twice', { value: v }, [i]));
        seen.add(v);
      });
    });
}

/** Resident ID number: 18 characters, ISO 7064 MOD 11-2 check character, a real birth date. */
const IdNumber = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((v, ctx) => {
    if (!/^\d{17}[\dX]$/.test(v)) ctx.addIssue(fieldIssue('id_format'));
    else if (!isValidIdNumber(v)) ctx.addIssue(fieldIssue('id_check'));
    else if (!IsoDate.safeParse(idNumberBirthDate(v)).success) ctx.addIssue(fieldIssue('id_birth'));
  })
  .openapi({ example: '150102199003071234', description: 'Written only; responses carry the masked form' });

export const EducationInput = z
  .object({
    level: z.enum(codes(EDUCATION_LEVELS)),
    school: optionalText(100),
    major: optionalText(100),
    graduationYear: Year.nullable().optional(),
  })
  .openapi('EducationInput');

export const QualificationInput = z
  .object({
    level: z.enum(codes(QUALIFICATION_LEVELS)),
    certificateNumber: optionalText(40),
    year: Year.nullable().optional(),
    registrationValidUntil: IsoDate.nullable().optional(),
  })
  .superRefine((q, ctx) => {
    if (q.level !== 'none') {
      if (!q.certificateNumber) ctx.addIssue(fieldIssue('cert_required', undefined, ['certificateNumber']));
    } else {
      for (const key of ['certificateNumber', 'year', 'registrationValidUntil'] as const) {
        if (q[key] != null && q[key] !== '') ctx.addIssue(fieldIssue('empty_when_none', undefined, [key]));
      }
    }
    if (q.year != null && q.registrationValidUntil && q.registrationValidUntil <= `${q.year}-12-31`) {
      ctx.addIssue(fieldIssue('after_qual_year', { year: q.year }, ['registrationValidUntil']));
    }
  })
  .openapi('QualificationInput');

export const TalentProfileInput = z
  .object({
    name: requiredText(50).openapi({ example: '李娜' }),
    gender: z.enum(codes(GENDERS)).nullable().optional(),
    birthDate: IsoDate.nullable().optional().openapi({ description: 'Taken from the ID number when omitted; must agree with it' }),
    ethnicity: z.enum(ETHNICITY_CODES).nullable().optional().openapi({ description: 'GB/T 3304 code, e.g. 01 汉族, 02 蒙古族' }),
    idNumber: IdNumber.nullable().optional().openapi({ description: 'Omit to keep the stored one, null to remove it' }),
    phone: z.string().trim().regex(MOBILE_PATTERN, fieldText('mobile')).nullable().optional(),
    regionCode: RegionCode.openapi({ example: '150102', description: 'Where the person lives or is registered; any level' }),
    education: EducationInput.nullable().optional(),
    qualification: QualificationInput.optional(),
    serviceAreas: uniqueList(z.enum(codes(SERVICE_AREAS)), Object.keys(SERVICE_AREAS).length).default([]),
    languages: uniqueList(z.enum(codes(LANGUAGES)), Object.keys(LANGUAGES).length).default([]),
    preferredRegions: uniqueList(RegionCode, MAX_PREFERRED_REGIONS).default([]),
    availability: z.enum(codes(AVAILABILITY)).default('available'),
    visibility: z.enum(codes(VISIBILITY)).default('employers'),
  })
  .superRefine((p, ctx) => {
    if (p.idNumber && p.birthDate && IsoDate.safeParse(idNumberBirthDate(p.idNumber)).success && idNumberBirthDate(p.idNumber) !== p.birthDate) {
      ctx.addIssue(fieldIssue('birth_mismatch', undefined, ['birthDate']));
    }
  })
  .openapi('TalentProfileInput');

export type TalentProfile = z.infer<typeof TalentProfileInput>;

/** The talent list's sortable columns. */
export const TALENT_SORT_COLUMNS = ['name', 'region', 'qualification', 'updated'] as const;

export const TalentListQuery = PageQuery.extend({
  regionCode: RegionCode.optional().openapi({ description: 'Only talents in this region subtree' }),
  qualification: z.enum(codes(QUALIFICATION_LEVELS)).optional().openapi({ description: 'At least this qualification level' }),
  serviceArea: z.enum(codes(SERVICE_AREAS)).optional(),
  availability: z.enum(codes(AVAILABILITY)).optional(),
  q: requiredText(50).optional().openapi({ description: 'Any part of the name (departments and admins only)' }),
  sort: sortParam(TALENT_SORT_COLUMNS, '-updated'),
});
export type TalentFilters = z.infer<typeof TalentListQuery>;

export const TalentIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'k2m4q7x9p3r5t6v8' }),
});

const Education = z.object({ level: z.string(), school: z.string().nullable(), major: z.string().nullable(), graduationYear: z.number().int().nullable() }).openapi('Education');
const Qualification = z
  .object({
    level: z.string(),
    certificateNumber: z.string().nullable(),
    year: z.number().int().nullable(),
    registrationValidUntil: z.string().nullable(),
  })
  .openapi('Qualification');

export const TalentSchema = z
  .object({
    id: z.string(),
    view: z.enum(['full', 'employer']).openapi({ description: '`employer`: phone masked; birth date, ethnicity and ID number left out' }),
    name: z.string(),
    gender: z.string().nullable(),
    birthYear: z.number().int().nullable(),
    birthDate: z.string().nullable().optional(),
    ethnicity: z.string().nullable().optional(),
    idNumberMasked: z.string().nullable().optional().openapi({ example: '1501**********1234' }),
    phone: z.string().nullable().openapi({ description: 'In full for the owner and departments, masked for employers' }),
    regionCode: z.string().nullable(),
    education: Education.nullable(),
    qualification: Qualification,
    serviceAreas: z.array(z.string()),
    languages: z.array(z.string()),
    preferredRegions: z.array(z.string()),
    availability: z.string(),
    visibility: z.enum(['employers', 'department']),
    updatedAt: z.string(),
  })
  .openapi('Talent');
export type TalentDto = z.infer<typeof TalentSchema>;

export const TalentPage = pageOf(TalentSchema, 'TalentPage');

export const RevealedIdNumber = z.object({ talentId: z.string(), idNumber: z.string() }).openapi('RevealedIdNumber');

/** Limit of the free text that says what "other" means (issue 11 §6). */
export const MAX_PURPOSE_NOTE = 200;

/** Why the number is revealed: recorded in the audit row. `other` needs the free text. */
export const RevealIdNumberBody = z
  .object({
    purpose: z.enum(codes(REVEAL_PURPOSES)).openapi({ description: 'verify_identity (核实身份), agreement (办理协议), statistics (统计核对) or other (其他)' }),
    purposeNote: optionalText(MAX_PURPOSE_NOTE).openapi({ description: `Required when the purpose is other; at most ${MAX_PURPOSE_NOTE} characters` }),
  })
  .superRefine((v, ctx) => {
    if (v.purpose === 'other' && !v.purposeNote?.trim()) ctx.addIssue(fieldIssue('purpose_note_required', undefined, ['purposeNote']));
  })
  .openapi('RevealIdNumberRequest');
export type RevealIdNumberData = z.infer<typeof RevealIdNumberBody>;

/** A talent row as read for display: never holds the encrypted ID number or its HMAC. */
export type TalentRecord = Omit<Talent, 'id_number_enc' | 'id_number_hmac'>;

const parseList = (json: string): string[] => {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};

function common(t: TalentRecord, view: TalentDto['view']) {
  return {
    id: t.id,
    view,
    name: t.name,
    gender: t.gender,
    birthYear: t.birth_date ? Number(t.birth_date.slice(0, 4)) : null,
    regionCode: t.region_code,
    education: t.education_level ? { level: t.education_level, school: t.school, major: t.major, graduationYear: t.graduation_year } : null,
    qualification: {
      level: t.qualification_level,
      certificateNumber: t.certificate_number,
      year: t.qualification_year,
      registrationValidUntil: t.registration_valid_until,
    },
    serviceAreas: parseList(t.service_areas),
    languages: parseList(t.languages),
    preferredRegions: parseList(t.preferred_regions),
    availability: t.availability,
    visibility: t.visibility,
    updatedAt: new Date(t.updated_at).toISOString(),
  };
}

/** What the owner and departments see: everything but the full ID number. */
export function toFullDto(t: TalentRecord): TalentDto {
  return { ...common(t, 'full'), birthDate: t.birth_date, ethnicity: t.ethnicity, idNumberMasked: t.id_number_masked, phone: t.phone };
}

/** What a verified employer sees: phone masked, birth year only, no ethnicity, no ID number. */
export function toEmployerDto(t: TalentRecord): TalentDto {
  return { ...common(t, 'employer'), phone: t.phone ? maskPhone(t.phone) : null };
}
