/**
 * For frontends that receive the plugin's change notifications (option `changeNotifications`):
 * `verifyChangeNotification` checks the HMAC-SHA256 signature header before the receiver acts.
 * Imports nothing but node:crypto, so a route handler can use it without Payload.
 */
export {
  type ChangeNotification,
  SIGNATURE_HEADER,
  signChangeNotification,
  verifyChangeNotification,
  type VerifyResult,
} from '../notify/signature.js'
