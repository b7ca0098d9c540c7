// The web layer's rules (web/README.md): no database access under web/, pages never import another
// page's file, and files stay short. Read from the source, so a new file is covered as it lands.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const web = join(root, 'web');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
}
const sources = files(web).map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }));
const importsOf = (text: string) => [...text.matchAll(/^import[^;]*?from '([^']+)';/gms)].map((m) => m[1]);
// Being moved into this layout by other work; their exceptions are listed, not hidden.
const NOT_YET_MOVED = new Set(['web/pages/rounds.tsx']);

describe('web layer', () => {
  it('finds the pages', () => {
    expect(sources.length).toBeGreaterThan(30);
    expect(sources.some((s) => s.path === 'web/pages/placements/department.tsx')).toBe(true);
  });

  it('has no database access: no Kysely, repository, db/ or database import', () => {
    const bad = sources.flatMap((s) =>
      importsOf(s.text)
        .filter((i) => /^kysely$|\.repository$|(^|\/)db\/|lib\/database$/.test(i))
        .map((i) => `${s.path}: ${i}`),
    );
    expect(bad).toEqual([]);
  });

  it('pages import no other page file', () => {
    const bad = sources
      .filter((s) => s.path.startsWith('web/pages/') && !NOT_YET_MOVED.has(s.path))
      .flatMap((s) =>
        importsOf(s.text)
          .filter((i) => i.startsWith('.'))
          .map((i) => relative(root, join(root, s.path, '..', i)))
          .filter((target) => target.startsWith('web/pages/') && target.split('/')[2] !== s.path.split('/')[2])
          .map((target) => `${s.path} → ${target}`),
      );
    expect(bad).toEqual([]);
  });

  it('keeps files at 600 lines or fewer, here and in the code beside it (src, search, db, spreadsheet)', () => {
    const code = ['src', 'search', 'db', 'spreadsheet'].flatMap((d) => files(join(root, d))).map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }));
    expect(code.some((s) => s.path === 'search/meili.ts')).toBe(true);
    const long = [...sources, ...code].filter((s) => !NOT_YET_MOVED.has(s.path) && s.text.split('\n').length > 600).map((s) => s.path);
    expect(long).toEqual([]);
  });
});
