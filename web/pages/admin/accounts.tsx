// /admin/departments and /admin/users: department accounts (list with region names and status,
// create one with its region picked by name) and users found by email, with what an admin does to
// an account — disable, enable, lift a sign-in limit, mail a password reset link. Every form posts,
// calls the admin feature's service and redirects back with a flash (PRG); a refused action shows
// its reason on the page it came from.
import { Hono } from 'hono';
import type { AppEnv, SessionUser } from '../../../src/lib/context';
import { AppError } from '../../../src/lib/errors';
import { NewDepartmentBody, USER_SEARCH_LIMIT, UserSearchQuery, adminAccounts, type AdminUser } from '../../../src/admin';
import { ActionButton, Badge, EmptyCard, ErrorSummary, PageHead, RegionField, TextField } from '../../components';
import { loadRegionPick } from '../../regions';
import { parseFilters, readForm, run, submit, text, type FormErrors, type FormValues } from '../../forms';
import { fmt, messages, type Lang, type Messages } from '../../i18n';
import { redirectWith, type FlashKey } from '../../flash';
import { dateTime, page, render, requireRole, safeNext, type WebContext } from '../../page';

export const accountsPages = new Hono<AppEnv>();
accountsPages.use('/admin/*', requireRole('admin'));

type X = Messages['admin'];

function Status({ u, x }: { u: AdminUser; x: X }) {
  if (u.disabled) return <Badge tone="danger">{x.status.disabled}</Badge>;
  if (u.signInBlockedForSeconds !== null) return <Badge tone="warning">{fmt(x.status.throttled, { minutes: Math.max(1, Math.ceil(u.signInBlockedForSeconds / 60)) })}</Badge>;
  return <Badge tone="success">{x.status.active}</Badge>;
}

/** The buttons for one account; `back` is the page the forms return to. */
function Actions({ u, x, me, back }: { u: AdminUser; x: X; me: SessionUser; back: string }) {
  const to = (what: string) => `/admin/users/${encodeURIComponent(u.id)}/${what}?back=${encodeURIComponent(back)}`;
  return (
    <div class="row">
      {u.id === me.id ? null : u.disabled ? (
        <ActionButton action={to('enable')} label={x.actions.enable} tone="secondary" />
      ) : (
        <ActionButton action={to('disable')} label={x.actions.disable} tone="danger" confirm={x.actions.disableConfirm} />
      )}
      {u.signInBlockedForSeconds !== null && <ActionButton action={to('unlock')} label={x.actions.unlock} />}
      <ActionButton action={to('reset-link')} label={x.actions.resetLink} tone="secondary" confirm={x.actions.resetConfirm} />
    </div>
  );
}

const when = (iso: string | null, lang: Lang, never: string) => (iso ? dateTime(Date.parse(iso), lang) : never);

// ---------------------------------------------------------------- departments

async function departmentsPage(c: WebContext, form: { values?: FormValues; errors?: FormErrors } = {}, actionErrors?: FormErrors, status = 200) {
  const { m, lang, deps, user } = page(c);
  const x = messages(lang).admin;
  const d = x.departments;
  const [list, regionPick] = await Promise.all([
    adminAccounts.listDepartments(deps, user),
    loadRegionPick(c, 'regionCode', text(form.values ?? {}, 'regionCode'), { maxLevel: 2 }),
  ]);
  const values = form.values ?? {};
  return render(
    c,
    d.title,
    <>
      <PageHead title={d.title} lead={d.lead} />
      <ErrorSummary errors={actionErrors} />
      {list.length === 0 ? (
        <EmptyCard>{d.none}</EmptyCard>
      ) : (
        <div class="table-wrap">
          <table class="stat-table admin-table" id="departments">
            <thead>
              <tr>
                <th scope="col">{d.name}</th>
                <th scope="col">{d.region}</th>
                <th scope="col">{d.email}</th>
                <th scope="col">{d.status}</th>
                <th scope="col">{d.actions}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((u) => (
                <tr>
                  <td>{u.displayName}</td>
                  <td>{u.regionName ?? ''}</td>
                  <td>{u.email}</td>
                  <td>
                    <Status u={u} x={x} />
                  </td>
                  <td>
                    <Actions u={u} x={x} me={user!} back="/admin/departments" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section class="card" aria-labelledby="new-department">
        <h2 id="new-department">{d.createTitle}</h2>
        <p class="muted small">{d.createLead}</p>
        <form method="post" action="/admin/departments" class="form-grid">
          <ErrorSummary errors={form.errors} />
          <TextField name="displayName" label={d.displayName} hint={d.displayNameHint} maxlength={100} values={values} errors={form.errors} required />
          <RegionField m={m} pick={regionPick} name="regionCode" label={d.region} values={values} errors={form.errors} required />
          <TextField name="email" type="email" label={d.email} autocomplete="off" maxlength={254} values={values} errors={form.errors} required />
          <TextField
            name="password"
            type="password"
            label={d.password}
            hint={d.passwordHint}
            autocomplete="new-password"
            maxlength={200}
            values={values}
            errors={form.errors}
            required
          />
          <div class="form-actions">
            <button type="submit">{d.create}</button>
          </div>
        </form>
      </section>
    </>,
    status,
    '/admin/departments',
  );
}

accountsPages.get('/admin/departments', (c) => departmentsPage(c));

accountsPages.post('/admin/departments', async (c) => {
  const { m, deps, user } = page(c);
  const values = await readForm(c);
  const input = {
    email: text(values, 'email').trim(),
    password: text(values, 'password'),
    displayName: text(values, 'displayName').trim(),
    regionCode: text(values, 'regionCode'),
  };
  const out = await submit(m, NewDepartmentBody, input, (body) => adminAccounts.createDepartment(deps, user, body), values);
  if (out.ok) return redirectWith(c, '/admin/departments', 'adminDepartmentCreated');
  return departmentsPage(c, { values, errors: out.errors }, undefined, out.status);
});

// ---------------------------------------------------------------- users

async function usersPage(c: WebContext, q: string, actionErrors?: FormErrors, status = 200) {
  const { m, lang, deps, user } = page(c);
  const x = messages(lang).admin;
  const u = x.users;
  const { data, errors } = parseFilters(m, UserSearchQuery.partial(), q ? { email: q } : {});
  const found = data.email ? await adminAccounts.findUsers(deps, user, data.email) : null;
  const back = data.email ? `/admin/users?email=${encodeURIComponent(data.email)}` : '/admin/users';
  return render(
    c,
    u.title,
    <>
      <PageHead title={u.title} lead={fmt(u.lead, { n: USER_SEARCH_LIMIT })} />
      <section class="card filters">
        <form method="get" action="/admin/users" role="search">
          <div class="form-grid">
            <TextField name="email" type="search" label={u.email} inputmode="email" maxlength={100} values={{ email: q }} errors={errors} required />
            <div class="form-actions">
              <button type="submit">{u.find}</button>
            </div>
          </div>
        </form>
      </section>
      <ErrorSummary errors={actionErrors} />
      {found === null ? (
        <p class="muted">{u.prompt}</p>
      ) : found.length === 0 ? (
        <EmptyCard>{fmt(u.none, { q: data.email ?? '' })}</EmptyCard>
      ) : (
        <div class="table-wrap">
          <table class="stat-table admin-table" id="users">
            <thead>
              <tr>
                <th scope="col">{u.email}</th>
                <th scope="col">{u.name}</th>
                <th scope="col">{u.role}</th>
                <th scope="col">{u.region}</th>
                <th scope="col">{u.created}</th>
                <th scope="col">{u.lastSignIn}</th>
                <th scope="col">{u.status}</th>
                <th scope="col">{u.actions}</th>
              </tr>
            </thead>
            <tbody>
              {found.map((a) => (
                <tr>
                  <td>{a.email}</td>
                  <td>
                    {a.displayName}
                    {a.id === user!.id ? ` ${u.you}` : ''}
                  </td>
                  <td>{u.roles[a.role]}</td>
                  <td>{a.regionName ?? ''}</td>
                  <td>{when(a.createdAt, lang, u.never)}</td>
                  <td>{when(a.lastSignInAt, lang, u.never)}</td>
                  <td>
                    <Status u={a} x={x} />
                  </td>
                  <td>
                    <Actions u={a} x={x} me={user!} back={back} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>,
    status,
    back,
  );
}

accountsPages.get('/admin/users', (c) => usersPage(c, (c.req.query('email') ?? '').slice(0, 200)));

// ---------------------------------------------------------------- actions on an account

/** Where an action returns: an admin page named by `back`, else the users page. */
function backOf(c: WebContext): string {
  const back = safeNext(c.req.query('back'));
  return back && (back === '/admin/departments' || back.startsWith('/admin/users')) ? back : '/admin/users';
}

const ACTIONS: Record<string, { flash: FlashKey; act: (c: WebContext, id: string) => Promise<unknown> }> = {
  disable: { flash: 'adminDisabled', act: (c, id) => adminAccounts.disableUser(c.get('deps'), c.get('user') ?? null, id) },
  enable: { flash: 'adminEnabled', act: (c, id) => adminAccounts.enableUser(c.get('deps'), c.get('user') ?? null, id) },
  unlock: { flash: 'adminUnlocked', act: (c, id) => adminAccounts.unlockUser(c.get('deps'), c.get('user') ?? null, id) },
  'reset-link': { flash: 'adminResetSent', act: (c, id) => adminAccounts.sendResetLink(c.get('deps'), c.get('user') ?? null, id, new URL(c.req.url).origin) },
};

accountsPages.post('/admin/users/:id/:action', async (c) => {
  const action = ACTIONS[c.req.param('action')];
  if (!Object.hasOwn(ACTIONS, c.req.param('action'))) throw new AppError('not_found', `No such page: ${c.req.path}`);
  const { m } = page(c);
  const back = backOf(c);
  const out = await run(m, () => action.act(c, c.req.param('id').slice(0, 64)));
  if (out.ok) return redirectWith(c, back, action.flash);
  if (back === '/admin/departments') return departmentsPage(c, {}, out.errors, out.status);
  return usersPage(c, new URL(back, 'http://x').searchParams.get('email') ?? '', out.errors, out.status);
});
