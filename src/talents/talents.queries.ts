// Finders for choosing a talent in a department's form (agreements, placements): talents of the
// caller's region by name. Reads only; every choice is checked again by the service that records it.
import type { AppDeps, SessionUser } from '../lib/context';
import { AppError } from '../lib/errors';
import { getTalent, listTalents } from './talents.service';
import type { TalentDto } from './talents.schemas';

/** Talents the caller may list whose name matches `q` (at most 10); none when the search is
 * refused as invalid input. */
export async function findTalentsByName(deps: AppDeps, user: SessionUser | null, q: string): Promise<TalentDto[]> {
  if (!q) return [];
  try {
    return (await listTalents(deps, user, { q, page: 1, pageSize: 10 })).items;
  } catch (err) {
    // As the form pages treat errors: 403, 404 without fields and 5xx are not "nothing found".
    if (err instanceof AppError && err.status < 500 && err.status !== 403 && !(err.status === 404 && !err.errors?.length)) return [];
    throw err;
  }
}

/** The name of the chosen talent, if the caller may read it; otherwise null. */
export async function talentNameInScope(deps: AppDeps, user: SessionUser | null, id: string): Promise<string | null> {
  if (!id) return null;
  try {
    return (await getTalent(deps, user, id)).name;
  } catch {
    return null;
  }
}
