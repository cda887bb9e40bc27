import { decrypt, encrypt } from './data-key';

/**
 * A personal value as stored: `pii:1:<keyId>:<base64url(iv | tag | AES-256-GCM(JSON))>`.
 * The associated data binds it to the event's clear envelope (stream, type, event id) and to
 * the field it sits in, so a ciphertext copied into another event or field does not open.
 */
const PREFIX = 'pii:1:';

export interface FieldContext {
  streamId: string;
  type: string;
  eventId: string;
  /** Concrete path, e.g. `attachments.0.filename`. */
  path: string;
}

export const associatedData = (c: FieldContext) => `helpdesk-pii:1\n${c.streamId}\n${c.type}\n${c.eventId}\n${c.path}`;

export const isSealed = (value: unknown): value is string => typeof value === 'string' && value.startsWith(PREFIX);

export function seal(keyId: string, key: Buffer, value: string, context: FieldContext): string {
  const body = encrypt(key, Buffer.from(value, 'utf8'), associatedData(context));
  return `${PREFIX}${keyId}:${body.toString('base64url')}`;
}

/** The key id a sealed value names. */
export function sealedKeyId(sealed: string): string {
  const end = sealed.indexOf(':', PREFIX.length);
  if (end < 0) throw new Error('malformed sealed value');
  return sealed.slice(PREFIX.length, end);
}

export function open(key: Buffer, sealed: string, context: FieldContext): string {
  const end = sealed.indexOf(':', PREFIX.length);
  return decrypt(key, Buffer.from(sealed.slice(end + 1), 'base64url'), associatedData(context)).toString('utf8');
}
