// The message centre: the signed-in person's notifications, newest first, with "mark all read" and
// the choice to get them by mail too. A thin view over src/notifications.
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { getNotificationSettings, listMyNotifications, markMyNotificationsRead, setNotificationSettings, type NotificationView } from '../../../src/notifications';
import { ActionButton } from '../../components';
import { checked, readForm } from '../../forms';
import { dateTime, page, render, requireRole } from '../../page';
import { redirectWith } from '../../flash';
import type { Lang, Messages } from '../../i18n';

export const messagesPages = new Hono<AppEnv>();

function Item(props: { n: NotificationView; m: Messages; lang: Lang }) {
  const { n, m } = props;
  return (
    <li class={n.read ? 'message' : 'message unread'}>
      {!n.read && <span class="badge">{m.messages.unread}</span>}
      <p>{n.text}</p>
      <p class="muted small">
        {dateTime(n.createdAt, props.lang)}
        {n.link && (
          <>
            {' · '}
            <a href={n.link}>{m.messages.open}</a>
          </>
        )}
      </p>
    </li>
  );
}

const signedIn = requireRole('graduate', 'employer', 'department', 'admin');

messagesPages.get('/messages', signedIn, async (c) => {
  const { m, lang, deps, user } = page(c);
  const unreadOnly = c.req.query('unread') === 'true';
  const [{ items, unread }, settings] = await Promise.all([listMyNotifications(deps, user, lang, { unreadOnly }), getNotificationSettings(deps, user)]);
  return render(
    c,
    m.messages.title,
    <div class="narrow stack">
      <h1>{m.messages.title}</h1>
      <p class="toolbar">
        <a href="/messages" aria-current={unreadOnly ? undefined : 'page'}>
          {m.messages.all}
        </a>
        {' · '}
        <a href="/messages?unread=true" aria-current={unreadOnly ? 'page' : undefined}>
          {m.messages.unreadOnly}
        </a>
        {unread > 0 && <ActionButton action="/messages/read" label={m.messages.markAllRead} tone="secondary" />}
      </p>
      <section class="card">
        {items.length === 0 ? (
          <p class="muted">{m.messages.empty}</p>
        ) : (
          <ul class="plain-list messages">
            {items.map((n) => (
              <Item n={n} m={m} lang={lang} />
            ))}
          </ul>
        )}
      </section>
      <section class="card">
        <h2>{m.messages.emailTitle}</h2>
        <form method="post" action="/messages/settings" class="stack">
          <label class="choice-inline">
            <input type="checkbox" name="email" value="on" checked={settings.email} /> {m.messages.emailLabel}
          </label>
          <div class="form-actions">
            <button type="submit" class="secondary">
              {m.messages.save}
            </button>
          </div>
        </form>
      </section>
    </div>,
  );
});

messagesPages.post('/messages/read', signedIn, async (c) => {
  await markMyNotificationsRead(page(c).deps, c.get('user'), 'all');
  return redirectWith(c, '/messages', 'messagesRead');
});

messagesPages.post('/messages/settings', signedIn, async (c) => {
  const form = await readForm(c);
  await setNotificationSettings(page(c).deps, c.get('user'), checked(form, 'email'));
  return redirectWith(c, '/messages', 'notificationSettingsSaved');
});
