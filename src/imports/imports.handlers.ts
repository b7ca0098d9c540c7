import type { AppRouteHandler } from '../lib/openapi';
import type { AppDeps } from '../lib/context';
import { AppError, fieldIssueAt, invalidFields, zodIssuesToErrors } from '../lib/errors';
import { csvFile } from '../lib/tabular';
import type { ImportKind } from '../../db/schema';
import type * as routes from './imports.routes';
import * as service from './imports.service';
import * as commits from './imports.commit';
import { UploadFields } from './imports.schemas';
import { template, TEMPLATE_NAMES } from './imports.templates';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** RFC 6266: an ASCII name for old clients and the Chinese one as filename*. */
function attachment(zh: string, ascii: string): string {
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(zh)}`;
}

/** The template file of a kind as a download (xlsx through AppDeps.xlsx; 406 where there is none). */
export function templateResponse(deps: AppDeps, kind: ImportKind, format: 'xlsx' | 'csv'): Response {
  const t = template(kind);
  const names = TEMPLATE_NAMES[kind];
  const headers = { 'Cache-Control': 'private, max-age=300' };
  if (format === 'csv') {
    return new Response(csvFile(t.header, [t.example]), {
      headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': attachment(`${names.zh}.csv`, `${names.en}.csv`) },
    });
  }
  if (!deps.xlsx) throw new AppError('not_acceptable', 'xlsx files cannot be made on this server: ask for format=csv');
  const body = deps.xlsx.write([{ name: names.zh, header: t.header, widths: t.widths, rows: [t.example] }]);
  return new Response(body, {
    headers: { ...headers, 'Content-Type': XLSX_TYPE, 'Content-Disposition': attachment(`${names.zh}.xlsx`, `${names.en}.xlsx`) },
  });
}

/** The upload's fields and file from a multipart body, checked with the same schema as the page. */
export async function readUpload(req: { header(name: string): string | undefined; parseBody(): Promise<Record<string, string | File>> }): Promise<service.UploadInput> {
  const type = req.header('content-type') ?? '';
  if (!/^multipart\/form-data/i.test(type)) {
    throw new AppError('unsupported_media_type', 'Upload the roster as multipart/form-data with the fields kind, file and (for csv) encoding', [
      fieldIssueAt('(body)', 'multipart'),
    ]);
  }
  let body: Record<string, string | File>;
  try {
    body = await req.parseBody();
  } catch {
    throw new AppError('malformed_request', 'The multipart body could not be read', [fieldIssueAt('(body)', 'multipart_malformed')]);
  }
  const fields = UploadFields.safeParse({ kind: textField(body.kind), encoding: textField(body.encoding) || undefined });
  const file = body.file;
  const errors = fields.success ? [] : zodIssuesToErrors(fields.error.issues, { kind: textField(body.kind), encoding: textField(body.encoding) || undefined });
  if (!(file instanceof File)) errors.push(fieldIssueAt('file', 'file_required'));
  if (!fields.success || !(file instanceof File)) {
    throw invalidFields(errors);
  }
  return { kind: fields.data.kind, encoding: fields.data.encoding, fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

const textField = (v: string | File | undefined) => (typeof v === 'string' ? v : undefined);

export const getTemplate: AppRouteHandler<typeof routes.template> = async (c) => {
  const { format } = c.req.valid('query');
  return templateResponse(c.get('deps'), c.req.valid('param').kind, format);
};

export const upload: AppRouteHandler<typeof routes.upload> = async (c) => {
  const input = await readUpload(c.req);
  return c.json(await service.uploadImport(c.get('deps'), c.get('user'), input), 201);
};

export const list: AppRouteHandler<typeof routes.list> = async (c) => {
  c.header('Cache-Control', 'private, no-store');
  return c.json(await service.listImports(c.get('deps'), c.get('user'), c.req.valid('query')), 200);
};

export const getOne: AppRouteHandler<typeof routes.getOne> = async (c) => {
  c.header('Cache-Control', 'private, no-store');
  return c.json(await service.getImport(c.get('deps'), c.get('user'), c.req.valid('param').id, c.req.valid('query')), 200);
};

export const commit: AppRouteHandler<typeof routes.commit> = async (c) => {
  return c.json(await commits.commitImport(c.get('deps'), c.get('user'), c.req.valid('param').id), 200);
};

export const discard: AppRouteHandler<typeof routes.discard> = async (c) => {
  return c.json(await commits.discardImport(c.get('deps'), c.get('user'), c.req.valid('param').id), 200);
};
