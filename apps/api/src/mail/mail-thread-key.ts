import { Settings } from '../config/settings';
import { keptSecret } from '../config/kept-secret';

export const MAIL_THREAD_KEY = Symbol('MAIL_THREAD_KEY');
export const MAIL_THREAD_SECRET_FILE = 'mail-thread-secret';

/**
 * The key of the Message-IDs the helpdesk sends and the threading trusts (libs/mail message-id.ts).
 * MAIL_THREAD_SECRET when set; otherwise, on the embedded default, a key kept in DATA_DIR.
 */
export function resolveMailThreadKey(settings: Settings): string {
  if (settings.MAIL_THREAD_SECRET) return settings.MAIL_THREAD_SECRET;
  if (settings.EVENT_STORE_URL) {
    throw new Error('MAIL_THREAD_SECRET is required with EVENT_STORE_URL: every process must make and recognise the same Message-IDs.');
  }
  return keptSecret(settings.DATA_DIR, MAIL_THREAD_SECRET_FILE);
}
