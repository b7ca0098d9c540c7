// Statistics and coverage of a department's region (issue #5), and the department's dashboard.
import { dashboardPages } from './dashboard';
import { statisticsPages } from './department';

statisticsPages.route('/', dashboardPages);
export { statisticsPages };
