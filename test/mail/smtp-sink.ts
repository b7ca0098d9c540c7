// A real SMTP server in-process (smtp-server) that keeps what it receives, parsed (mailparser).
// `failing` makes it refuse every message, as a server that is down for mail would.
import { createServer } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { makeTestApp, type TestApp } from '../helpers/app';
import { smtpTransport } from '../../src/mail/smtp';

export interface Received {
  to: string;
  from: string;
  subject: string;
  text: string;
}

export interface SmtpSink {
  url: string;
  received: Received[];
  failing: boolean;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const sink: SmtpSink = { url: '', received: [], failing: false, close: async () => {} };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      if (sink.failing) {
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 451 })));
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
          sink.received.push({ to: to?.value[0]?.address ?? '', from: mail.from?.text ?? '', subject: mail.subject ?? '', text: mail.text ?? '' });
          callback();
        })
        .catch(callback);
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  sink.url = `smtp://127.0.0.1:${port}`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}

/** A test app whose mail goes through SMTP to a fresh sink (links on `PUBLIC_ORIGIN`). */
export async function startMailApp(overrides: Record<string, string> = {}): Promise<{ t: TestApp; sink: SmtpSink; close(): Promise<void> }> {
  const sink = await startSmtpSink();
  const t = await makeTestApp({ SMTP_URL: sink.url, PUBLIC_ORIGIN: 'https://shegong.example.cn', ...overrides });
  t.deps.mail = smtpTransport(sink.url);
  return {
    t,
    sink,
    close: async () => {
      t.deps.mail?.close();
      t.close();
      await sink.close();
    },
  };
}
