/**
 * For frontends that receive the plugin's change notifications (option `changeNotifications`):
 * they are signed as the Standard Webhooks specification says, so `verifyChangeNotification` (or any
 * Standard Webhooks library) checks them before the receiver acts. Imports nothing but node:crypto,
 * so a route handler can use it without Payload.
 */
export {
  type ChangeNotification,
  DEFAULT_TOLERANCE_SECONDS,
  generateWebhookSecret,
  signChangeNotification,
  verifyChangeNotification,
  type VerifyResult,
  WEBHOOK_ID_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
} from '../notify/signature.js'
