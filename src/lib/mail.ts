// Sending mail, as an interface the entry points fill (ARCHITECTURE.md, "Mail"): Node passes an SMTP
// transport (src/mail/smtp.ts, nodemailer) when SMTP_URL is set. Without one, mail waits in the
// outbox; outside production it is read on the development mailbox page.

export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
}

export interface MailTransport {
  send(message: MailMessage): Promise<void>;
  close(): void;
}
