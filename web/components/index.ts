// Shared page pieces, one concern per file; import from here.
export * from './action-button';
export * from './badge';
export * from './error-summary';
export * from './fact';
export * from './fields';
export * from './flash';
export * from './list-page';
export * from './pager';
export * from './region-field';
export * from './tags';
export * from './confirm';
export * from './invite-form';
export * from './sort-table';
