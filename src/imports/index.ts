import { createRouter } from '../lib/openapi';
import * as handlers from './imports.handlers';
import * as routes from './imports.routes';

export const importsRouter = createRouter()
  .openapi(routes.template, handlers.getTemplate)
  .openapi(routes.upload, handlers.upload)
  .openapi(routes.list, handlers.list)
  .openapi(routes.getOne, handlers.getOne)
  .openapi(routes.commit, handlers.commit)
  .openapi(routes.discard, handlers.discard);

// For other features and pages (their front door; ARCHITECTURE.md, "Features").
export { D1_IMPORT_CHUNKING, getImport, listImports, uploadImport } from './imports.service';
export { ROW_REASONS, fillReason } from './imports.messages';
export { COLUMNS } from './imports.columns';
export { readUpload } from './imports.handlers';
export { ErrorPageQuery, IMPORT_KINDS, ImportListQuery, type ImportDto, type ImportPreviewDto } from './imports.schemas';
export { beginCommit, discardImport } from './imports.commit';
export { ENCODINGS } from './imports.source';
