// Statistics and coverage of a department's region (issue #5).
export { statisticsPages } from './department';
