// Signing in, signing up and signing out; forgotten passwords; the account page.
export { authPages } from './public';
export { passwordPages } from './password';
export { signUpPages } from './sign-up';
export { accountPages } from './account';
