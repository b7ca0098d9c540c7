import type { Child } from 'hono/jsx';
import type { SessionUser } from '../src/lib/context';
import type { Lang, Messages } from './i18n';

export interface PageProps {
  title: string;
  lang: Lang;
  m: Messages;
  user: SessionUser | null;
  path: string;
  children?: Child;
}

export function Layout({ title, lang, m, user, path, children }: PageProps) {
  const other = lang === 'zh' ? 'en' : 'zh';
  return (
    <html lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${m.siteName}`}</title>
        <link rel="stylesheet" href="/static/style.css" />
      </head>
      <body>
        <header class="site-header">
          <a class="brand" href="/">{m.siteName}</a>
          <nav aria-label="main">
            <a href="/">{m.nav.home}</a>
            {user?.role === 'graduate' && (
              <>
                <a href="/me/profile">{m.nav.profile}</a>
                <a href="/me/applications">{m.nav.applications}</a>
              </>
            )}
            {user?.role === 'employer' && (
              <>
                <a href="/employer">{m.nav.employer}</a>
                <a href="/employer/positions">{m.nav.positions}</a>
              </>
            )}
            {user?.role === 'department' && (
              <>
                <a href="/department/employers">{m.nav.verify}</a>
                <a href="/department/talents">{m.nav.talents}</a>
              </>
            )}
            {user ? (
              <form method="post" action="/sign-out" class="inline">
                <button type="submit" class="link">{m.nav.signOut}</button>
              </form>
            ) : (
              <>
                <a href="/sign-in">{m.nav.signIn}</a>
                <a href="/sign-up">{m.nav.signUp}</a>
              </>
            )}
            <a href={`${path}${path.includes('?') ? '&' : '?'}lang=${other}`} lang={other === 'zh' ? 'zh-CN' : 'en'}>{m.nav.language}</a>
          </nav>
        </header>
        <main>{children}</main>
        <footer class="site-footer">
          <span>{m.siteTagline}</span> · <a href="/api/docs">{m.nav.apiDocs}</a>
        </footer>
      </body>
    </html>
  );
}
