// The development mailbox.
export { mailboxPages } from './mailbox';
