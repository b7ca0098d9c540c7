// Who may search what: the scope is taken from the session only. Used by the JSON API and the web
// search pages alike.
import type { AppDeps, SessionUser } from '../lib/context';
import { forbidden } from '../lib/errors';
import { chinaToday } from '../lib/dates';
import { publicPositionScope, talentScopeFor } from '../../search/params';
import type { PositionScope, TalentScope } from '../../search/engine';

/** Open posts not yet past their closing date, for everyone. */
export function positionSearchScope(deps: AppDeps): PositionScope {
  return publicPositionScope(chinaToday(deps.now()));
}

/** A department its region, an admin everything, a verified employer the talents open to
 * employers (no names); anyone else is refused. */
export async function talentSearchScope(deps: AppDeps, user: SessionUser): Promise<TalentScope> {
  let verified = false;
  if (user.role === 'employer') {
    const row = await deps.database.db.selectFrom('employers').select('status').where('user_id', '=', user.id).executeTakeFirst();
    verified = row?.status === 'verified';
  }
  const scope = talentScopeFor(user, verified);
  if (!scope) throw forbidden('Only departments and verified employers may search talents');
  return scope;
}
