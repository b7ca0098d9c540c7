// Signing in, signing up and signing out.
export { authPages } from './public';
