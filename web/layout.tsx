import type { Child } from 'hono/jsx';
import { html } from 'hono/html';
import type { SessionUser } from '../src/lib/context';
import { fmt, type Lang, type Messages } from './i18n';
import { Flash } from './components/flash';

export interface PageProps {
  title: string;
  lang: Lang;
  m: Messages;
  user: SessionUser | null;
  /** Unread notifications of the signed-in user (the header's message link). */
  unread?: number;
  path: string;
  /** The link to this page in the other language (path and query, `lang` switched). */
  switchHref?: string;
  flash?: string | null;
  /** A refused post's reasons (web/flash.ts, redirectWithProblem). */
  flashProblem?: string[] | null;
  children?: Child;
}

export function Layout({ title, lang, m, user, unread = 0, path, switchHref, flash, flashProblem, children }: PageProps) {
  const other = lang === 'zh' ? 'en' : 'zh';
  const nav = (href: string, text: string) => (
    <a href={href} aria-current={path === href ? 'page' : undefined}>
      {text}
    </a>
  );
  return (
    <html lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${m.siteName}`}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/style.css" />
        <script src="/static/app.js" defer></script>
      </head>
      <body>
        <a class="skip-link" href="#main">
          {m.nav.skip}
        </a>
        <header class="site-header">
          <div class="bar">
            <a class="brand" href="/">
              <span class="brand-mark" aria-hidden="true">
                社
              </span>
              {m.siteName}
            </a>
            {/* Phones: a menu button folds the navigation and the search box that follow it (an empty
                <details>, no script needed; style.css hides them while it is closed). */}
            <details class="nav-menu">
              <summary>{m.nav.menu}</summary>
            </details>
            <nav class="site-nav" aria-label={m.nav.main}>
              {nav('/', m.nav.home)}
              {nav('/search', m.nav.search)}
              {user?.role === 'graduate' && (
                <>
                  {nav('/me/profile', m.nav.profile)}
                  {nav('/me/applications', m.nav.applications)}
                  {nav('/me/recommendations', m.nav.recommendations)}
                  {nav('/me/rounds', m.nav.myRounds)}
                  {nav('/me/placements', m.nav.myPlacements)}
                </>
              )}
              {user?.role === 'employer' && (
                <>
                  {nav('/employer', m.nav.employer)}
                  {nav('/employer/positions', m.nav.positions)}
                  {nav('/talents/search', m.search.talentTitle)}
                  {nav('/employer/proposals', m.nav.employerProposals)}
                  {nav('/employer/placements', m.nav.employerPlacements)}
                </>
              )}
              {(user?.role === 'department' || user?.role === 'admin') && (
                <>
                  {nav('/department', m.nav.dashboard)}
                  {nav('/department/employers', m.nav.verify)}
                  {nav('/department/talents', m.nav.talents)}
                  {nav('/department/search', m.search.talentTitle)}
                  {nav('/department/agreements', m.nav.agreements)}
                  {nav('/department/placements', m.nav.placements)}
                  {nav('/department/rounds', m.nav.rounds)}
                  {nav('/department/statistics', m.nav.statistics)}
                  {nav('/department/imports', m.nav.imports)}
                  {nav('/department/exports', m.nav.exports)}
                  {user?.role === 'admin' && nav('/admin/search', m.nav.searchTuning)}
                  {user?.role === 'admin' && nav('/admin', m.admin.nav)}
                </>
              )}
              {user ? (
                <>
                  <a href="/messages" aria-current={path === '/messages' ? 'page' : undefined} class="messages-link">
                    {m.messages.nav}
                    {unread > 0 && (
                      <>
                        <span class="count" aria-hidden="true">
                          {unread > 99 ? '99+' : unread}
                        </span>
                        <span class="visually-hidden">{fmt(m.messages.unreadLabel, { n: unread })}</span>
                      </>
                    )}
                  </a>
                  <a class="who" href="/account" title={m.account.navLink}>
                    {fmt(m.nav.signedInAs, { name: user.display_name })}
                  </a>
                  <form method="post" action="/sign-out" class="inline">
                    <button type="submit" class="link">
                      {m.nav.signOut}
                    </button>
                  </form>
                </>
              ) : (
                <>
                  {nav('/sign-in', m.nav.signIn)}
                  {nav('/sign-up', m.nav.signUp)}
                </>
              )}
              <a href={switchHref ?? `${path}?lang=${other}`} lang={other === 'zh' ? 'zh-CN' : 'en'} hreflang={other === 'zh' ? 'zh-CN' : 'en'}>
                {m.nav.language}
              </a>
            </nav>
            <form method="get" action="/search" class="site-search" role="search">
              <label for="site-q" class="visually-hidden">
                {m.search.box}
              </label>
              <input id="site-q" name="q" type="search" maxlength={100} placeholder={m.search.box} />
              <button type="submit" class="small">
                {m.search.submit}
              </button>
            </form>
          </div>
        </header>
        <main id="main">
          <Flash message={flash} problem={flashProblem} />
          {children}
        </main>
        <footer class="site-footer">
          <div class="bar">
            <span>{m.siteTagline}</span>
            <a href="/api/docs">{m.nav.apiDocs}</a>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** The page with its doctype (standards mode). */
export const withDoctype = (page: unknown) => html`<!DOCTYPE html>${page}`;
