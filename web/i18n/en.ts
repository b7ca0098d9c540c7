import type { Messages } from './zh';

export const en: Messages = {
  siteName: 'Shegong Talent Registry',
  siteTagline: 'Social work talent registry and grassroots placement',
  nav: {
    home: 'Positions',
    signIn: 'Sign in',
    signUp: 'Sign up',
    signOut: 'Sign out',
    profile: 'My profile',
    applications: 'My applications',
    employer: 'Organisation',
    positions: 'Our positions',
    verify: 'Verify employers',
    talents: 'Talent list',
    apiDocs: 'API docs',
    language: '中文',
  },
  error: {
    title: 'Something went wrong',
    back: 'Back to home',
  },
};
