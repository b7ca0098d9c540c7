// Directed-training agreements: the department's pages (the graduate sees theirs on the placements page).
export { agreementsDepartmentPages as agreementsPages } from './department';
