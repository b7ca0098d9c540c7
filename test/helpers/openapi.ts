// Walks the app's own OpenAPI document: every operation, with path parameters made concrete.
import type { TestApp } from './app';

export interface Operation {
  method: string;
  path: string;
}

export async function openApiOperations(t: TestApp): Promise<Operation[]> {
  const doc = (await (await t.app.request('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })));
}

/** A region code where the path takes one, otherwise a well-formed id that names nothing. */
export const concrete = (path: string) => path.replace('{code}', '15').replace(/\{[a-zA-Z]+\}/g, 'aaaaaaaaaaaaaaaa');
