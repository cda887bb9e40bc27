import { keptSecret } from '../config/kept-secret';
import { Settings } from '../config/settings';

export const SATISFACTION_LINK_SECRET_FILE = 'satisfaction-link-secret';
export const SATISFACTION_LINK_KEY = Symbol('SATISFACTION_LINK_KEY');

/** SATISFACTION_LINK_SECRET when set; on the embedded default a key kept in DATA_DIR; required with EVENT_STORE_URL. */
export function resolveSatisfactionLinkSecret(settings: Settings): string {
  if (settings.SATISFACTION_LINK_SECRET) return settings.SATISFACTION_LINK_SECRET;
  if (settings.EVENT_STORE_URL) {
    throw new Error('SATISFACTION_LINK_SECRET is required with EVENT_STORE_URL: every API process must sign and check rating links with the same key.');
  }
  return keptSecret(settings.DATA_DIR, SATISFACTION_LINK_SECRET_FILE);
}
