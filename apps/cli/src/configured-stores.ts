import { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { StoreLocation } from '@helpdesk/operations';
import { existingCheckpointSigner } from '../../api/src/audit/audit-signing-key';
import { Settings, validateSettings } from '../../api/src/config/settings';

export const cliSettings = (): Settings => validateSettings(process.env);

/** The event store the API is configured with (EVENT_STORE_URL, else DATA_DIR/events.db). */
export const configuredEventStore = (s: Settings): StoreLocation =>
  s.EVENT_STORE_URL ? { kind: 'server', url: s.EVENT_STORE_URL } : { kind: 'sqlite', file: join(s.DATA_DIR, 'events.db'), dataDir: s.DATA_DIR };

/** The read store the API is configured with (MONGO_URL, else DATA_DIR/read.db). */
export const configuredReadStore = (s: Settings): StoreLocation =>
  s.MONGO_URL ? { kind: 'server', url: s.MONGO_URL } : { kind: 'sqlite', file: join(s.DATA_DIR, 'read.db'), dataDir: s.DATA_DIR };

/** The key that verifies signed feed checkpoints, when one exists (never made here). */
export const auditPublicKey = (s: Settings): KeyObject | undefined => existingCheckpointSigner(s)?.publicKey;
