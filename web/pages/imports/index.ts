// Roster imports (xlsx, csv) with preview, error pages and commit.
export { importsPages } from './department';
