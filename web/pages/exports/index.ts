// Roster exports (xlsx, csv) of a department's region.
export { exportsPages } from './department';
