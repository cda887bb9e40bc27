import { Settings } from '../config/settings';
import { keptSecret } from '../config/kept-secret';

export const JWT_SECRET_FILE = 'auth-jwt-secret';

/**
 * The key that signs access tokens. AUTH_JWT_SECRET when set. Otherwise, on the embedded default
 * only, a key kept in DATA_DIR. With EVENT_STORE_URL the processes share no directory, so the
 * secret must be configured.
 */
export function resolveJwtSecret(settings: Settings): string {
  if (settings.AUTH_JWT_SECRET) return settings.AUTH_JWT_SECRET;
  if (settings.EVENT_STORE_URL) {
    throw new Error('AUTH_JWT_SECRET is required with EVENT_STORE_URL: every API process must sign and check tokens with the same key.');
  }
  return keptSecret(settings.DATA_DIR, JWT_SECRET_FILE);
}
