// The mail feature's front door (ARCHITECTURE.md, "Features", "Mail").
export { mailRow, mailRowIf, mailAvailable, devMailboxOpen, drainMail, startMailDrain, devMailbox, waitingMail, MAIL_LIMITS, type Mail, type MailboxMessage } from './mail.service';
