// The SMTP transport (Node only; the entry point passes it as deps.mail): nodemailer from SMTP_URL.
import nodemailer from 'nodemailer';
import type { MailTransport } from '../lib/mail';

export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    async send(m) {
      await transporter.sendMail({ from: m.from, to: m.to, subject: m.subject, text: m.text });
    },
    close: () => transporter.close(),
  };
}
