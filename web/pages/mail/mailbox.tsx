// The development mailbox (demo and development mode without SMTP_URL): the mail the system sent,
// so a walk-through can follow a reset link. A production server answers 404 (src/mail).
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { devMailbox, type MailboxMessage } from '../../../src/mail';
import { dateTime, page, render } from '../../page';
import type { Lang } from '../../i18n';

export const mailboxPages = new Hono<AppEnv>();

const URL_LINE = /^https?:\/\/\S+$/;

function Message(props: { mail: MailboxMessage; toLabel: string; lang: Lang }) {
  const { mail } = props;
  return (
    <article class="card mail">
      <h2>{mail.subject}</h2>
      <p class="muted small">
        {props.toLabel}：{mail.to} · {dateTime(mail.createdAt, props.lang)}
      </p>
      <div class="mail-body">
        {mail.text.split('\n').map((line) =>
          URL_LINE.test(line) ? (
            <p>
              <a href={line}>{line}</a>
            </p>
          ) : (
            <p>{line || '\u00a0'}</p>
          ),
        )}
      </div>
    </article>
  );
}

mailboxPages.get('/dev/mailbox', async (c) => {
  const { m, deps, lang } = page(c);
  const mails = await devMailbox(deps);
  return render(
    c,
    m.auth.mailboxTitle,
    <div class="narrow">
      <h1>{m.auth.mailboxTitle}</h1>
      <p class="muted">{m.auth.mailboxLead}</p>
      {mails.length === 0 ? <p>{m.auth.mailboxEmpty}</p> : mails.map((mail) => <Message mail={mail} toLabel={m.auth.mailboxTo} lang={lang} />)}
    </div>,
  );
});
