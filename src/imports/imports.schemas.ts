// Import schemas (form fields, queries, DTOs), shared by the JSON API and the web pages.
import { z } from '@hono/zod-openapi';
import { PageQuery, pageOf } from '../lib/openapi';
import type { Import } from '../../db/schema';
import { ENCODINGS } from './imports.source';
import { rowReason } from './imports.messages';

export const IMPORT_KINDS = ['talents', 'employers', 'placements'] as const;
export const IMPORT_STATUSES = ['staging', 'previewed', 'committing', 'committed', 'failed', 'discarded'] as const;

export const Kind = z.enum(IMPORT_KINDS).openapi({ description: 'talents (人才), employers (用人单位) or placements (岗位对接)' });

/** The text fields of an upload; the file itself is checked by the service (bytes, not text). */
export const UploadFields = z.object({
  kind: Kind,
  encoding: z
    .enum(ENCODINGS)
    .default('auto')
    .openapi({ description: 'CSV text encoding: auto (BOM, else UTF-8 when valid, else GB18030/GBK), utf-8, gb18030 (covers GBK) or utf-16le' }),
});
export type UploadFieldsData = z.infer<typeof UploadFields>;

/** The multipart body as the OpenAPI document describes it (parsed by the handler, not by zod). */
export const uploadBodyDoc = {
  type: 'object' as const,
  required: ['kind', 'file'],
  properties: {
    kind: { type: 'string' as const, enum: [...IMPORT_KINDS] },
    file: { type: 'string' as const, format: 'binary', description: 'xlsx (first sheet) or csv; header row first, as in the template' },
    encoding: { type: 'string' as const, enum: [...ENCODINGS], default: 'auto' },
  },
};

export const TemplateParam = z.object({
  kind: Kind.openapi({ param: { name: 'kind', in: 'path' }, example: 'talents' }),
});
export const TemplateQuery = z.object({
  format: z.enum(['xlsx', 'csv']).default('xlsx').openapi({ description: 'xlsx (default) or csv (UTF-8 with BOM)' }),
});

export const ImportIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'k2m4q7x9p3r5t6v8' }),
});

export const ImportListQuery = PageQuery.extend({ kind: Kind.optional() });
export type ImportListFilters = z.infer<typeof ImportListQuery>;

export const ErrorPageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type ErrorPage = z.infer<typeof ErrorPageQuery>;

export const CommitBody = z
  .object({
    confirm: z.literal(true, 'must be true: committing writes the good rows').openapi({ description: 'Must be true' }),
  })
  .openapi('CommitImportRequest');

export const ImportSchema = z
  .object({
    id: z.string(),
    kind: Kind,
    format: z.enum(['xlsx', 'csv']),
    fileName: z.string(),
    encoding: z.string().nullable().openapi({ description: 'The text encoding a csv was read with' }),
    status: z.enum(IMPORT_STATUSES).openapi({ description: 'previewed: staged, waiting for a commit; committing; committed; failed (see failure); discarded' }),
    failure: z.string().nullable(),
    failureCode: z.string().nullable().openapi({ description: 'Why it failed or stopped, as a code (see the field error codes), e.g. text_invalid' }),
    failureParams: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
    rows: z.object({
      total: z.number().int().openapi({ description: 'Data rows read (blank rows are not counted)' }),
      good: z.number().int(),
      bad: z.number().int(),
      new: z.number().int().openapi({ description: 'Good rows that add a record (as of the preview)' }),
      update: z.number().int().openapi({ description: 'Good rows that update a record in place (as of the preview)' }),
    }),
    errorCount: z.number().int(),
    progress: z.object({
      done: z.number().int().openapi({ description: 'Good rows written so far' }),
      total: z.number().int(),
      skipped: z
        .number()
        .int()
        .openapi({ description: 'Rows the commit could not apply (the matching record moved out of your region, or a talent or employer it names is gone)' }),
    }),
    createdAt: z.string(),
    updatedAt: z.string(),
    committedAt: z.string().nullable(),
  })
  .openapi('Import');
export type ImportDto = z.infer<typeof ImportSchema>;

export const RowErrorSchema = z
  .object({
    row: z.number().int().openapi({ description: 'Row number as the spreadsheet shows it (the header is row 1 when it is the first row)' }),
    column: z.string().openapi({ description: 'The column header as written in the file' }),
    code: z.string(),
    reason: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
  })
  .openapi('ImportRowError');
export type RowErrorDto = z.infer<typeof RowErrorSchema>;

export const ImportPreviewSchema = ImportSchema.extend({
  errors: z.object({
    items: z.array(RowErrorSchema),
    total: z.number().int().openapi({ description: 'Row problems listed (the first 10,000 found are kept)' }),
    notListed: z.number().int().openapi({ description: 'Further problems found past the kept limit: counted in errorCount, not listed' }),
    page: z.number().int(),
    pageSize: z.number().int(),
  }),
}).openapi('ImportPreview');
export type ImportPreviewDto = z.infer<typeof ImportPreviewSchema>;

export const ImportPage = pageOf(ImportSchema, 'ImportPage');

const iso = (ms: number) => new Date(ms).toISOString();

export function toImportDto(i: Import): ImportDto {
  return {
    id: i.id,
    kind: i.kind,
    format: i.format,
    fileName: i.file_name,
    encoding: i.encoding,
    status: i.status,
    failure: i.failure,
    failureCode: i.failure_code,
    failureParams: i.failure_params ? (JSON.parse(i.failure_params) as Record<string, string | number>) : null,
    rows: { total: i.total_rows, good: i.good_rows, bad: i.bad_rows, new: i.new_rows, update: i.update_rows },
    errorCount: i.error_count,
    progress: { done: i.rows_done, total: i.good_rows, skipped: i.rows_skipped },
    createdAt: iso(i.created_at),
    updatedAt: iso(i.updated_at),
    committedAt: i.committed_at ? iso(i.committed_at) : null,
  };
}

export function toRowErrorDto(e: { row_number: number; column_name: string; code: string; params: string | null }): RowErrorDto {
  const params = e.params ? (JSON.parse(e.params) as Record<string, string | number>) : null;
  return { row: e.row_number, column: e.column_name, code: e.code, reason: rowReason(e.code, params), params };
}
