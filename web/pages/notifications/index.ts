// The message centre.
export { messagesPages } from './messages';
