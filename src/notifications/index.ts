// The notifications feature's front door (ARCHITECTURE.md, "Features", "Notifications").
import { createRouter } from '../lib/openapi';
import * as handlers from './notifications.handlers';
import * as routes from './notifications.routes';

export const notificationsRouter = createRouter()
  .openapi(routes.list, handlers.list)
  .openapi(routes.markRead, handlers.markRead)
  .openapi(routes.getSettings, handlers.getSettings)
  .openapi(routes.putSettings, handlers.putSettings);

export {
  notificationRows,
  notificationRowsFrom,
  listMyNotifications,
  markMyNotificationsRead,
  unreadCount,
  getNotificationSettings,
  setNotificationSettings,
  NOTIFICATION_LIMITS,
  type NotificationView,
  type NotificationInput,
} from './notifications.service';
