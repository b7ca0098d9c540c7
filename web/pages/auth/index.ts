// Signing in, signing up and signing out; forgotten passwords.
export { authPages } from './public';
export { passwordPages } from './password';
