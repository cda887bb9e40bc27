import Database from 'better-sqlite3';
import { createKeyStore, KEY_STORE_FILE, PrivateEventStore, SubjectKeys } from '@helpdesk/privacy';
import { resolvePiiMasterKey } from '../../api/src/privacy/pii-master-key';
import { copyFile, mkdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SlaPolicyBook } from '@helpdesk/application';
import { createEventStore } from '@helpdesk/event-store';
import { ProjectionEngine } from '@helpdesk/projection-engine';
import { allProjections } from '@helpdesk/projections';
import {
  copyBlobs,
  describeLocation,
  eventStoreLocation,
  KEY_FILES,
  migrateEventLog,
  openRawEventStore,
  openReadStore,
  readStoreLocation,
  StoreLocation,
  TargetDivergesError,
} from '@helpdesk/operations';
import { auditPublicKey, cliSettings, configuredEventStore, configuredReadStore } from './configured-stores';
import { reportVerification } from './import-events.command';

const where = (l: StoreLocation) => (l.kind === 'sqlite' ? `sqlite:${resolve(l.file)}` : l.url);

/**
 * `migrate --to-event-store <url|path> --to-read-store <url|path>`: copies the configured event
 * log to another event store in global order (resumable: run it again after a stop and it goes
 * on), verifies it there, then rebuilds every read model in the target read store. A path is a
 * directory (a new DATA_DIR: its events.db and read.db) or `sqlite:<file>`.
 */
export async function runMigrate(options: { toEventStore?: string; toReadStore?: string }): Promise<number> {
  if (!options.toEventStore || !options.toReadStore) {
    console.error('migrate needs --to-event-store <esdb://…|directory|sqlite:file> and --to-read-store <mongodb://…|directory|sqlite:file>.');
    return 2;
  }
  const settings = cliSettings();
  let targetEvents: StoreLocation;
  let targetRead: StoreLocation;
  try {
    targetEvents = eventStoreLocation(options.toEventStore);
    targetRead = readStoreLocation(options.toReadStore);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const sourceEvents = configuredEventStore(settings);
  if (where(targetEvents) === where(sourceEvents)) {
    console.error('The target event store is the configured one: nothing to migrate to.');
    return 2;
  }
  if (where(targetRead) === where(configuredReadStore(settings))) {
    console.error('The target read store is the one the configured helpdesk serves from: name a new one.');
    return 2;
  }

  const source = createEventStore({ eventStoreUrl: settings.EVENT_STORE_URL, dataDir: settings.DATA_DIR });
  const target = openRawEventStore(targetEvents);
  const readStore = await openReadStore(targetRead);
  try {
    console.log(`Migrating ${describeLocation(sourceEvents)} -> ${describeLocation(targetEvents)}, read models into ${describeLocation(targetRead)}.`);
    let lastPrinted = 0;
    const report = await migrateEventLog({
      sourceName: where(sourceEvents),
      source,
      target,
      targetReadStore: readStore,
      publicKey: auditPublicKey(settings),
      onProgress: (p) => {
        const handled = p.copied + p.alreadyThere;
        if (handled - lastPrinted < 10_000) return;
        lastPrinted = handled;
        console.log(`  ${p.copied} copied, ${p.alreadyThere} already there, at source position ${p.sourcePosition} of ${p.head}`);
      },
      rebuild: async () => {
        // The copied events are sealed as the source's were: the read models open them with the same keys.
        const keyStore = await createKeyStore({ mongoUrl: settings.MONGO_URL, dataDir: settings.DATA_DIR });
        try {
          const readable = new PrivateEventStore(target, await SubjectKeys.open(keyStore, resolvePiiMasterKey(settings)));
          const engine = new ProjectionEngine(readable, readStore, allProjections({ slaPolicies: new SlaPolicyBook(readable) }), { batchSize: 2000 });
          for (const projection of engine.projections) {
            const started = Date.now();
            await engine.rebuild(projection.name);
            console.log(`  rebuilt ${projection.name} in ${((Date.now() - started) / 1000).toFixed(2)} s`);
          }
        } finally {
          await keyStore.close();
        }
      },
    });
    const resumed = report.resumedFrom >= 0n ? ` (resumed after source position ${report.resumedFrom})` : '';
    console.log(`Copied ${report.copy.copied} event(s)${resumed}; ${report.copy.alreadyThere} were already there.`);
    const verified = reportVerification(report.verification);
    if (verified !== 0) {
      console.log('The read models were not rebuilt: the copy does not verify.');
      return 1;
    }
    console.log(`Rebuilt ${allProjections().length} read model(s) on the target.`);
    if (report.sourceMovedOn) console.log('The source received events after the copy ended: stop the helpdesk and run migrate again to copy the rest.');
    await carryDataDirFiles(settings.DATA_DIR, targetEvents);
    return 0;
  } catch (error) {
    if (error instanceof TargetDivergesError) {
      console.error(`Migration refused: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await readStore.close();
    await target.close();
    await source.close();
  }
}

/**
 * A directory target is a new DATA_DIR: it gets the keys (else sessions end, thread ids and
 * checkpoint signatures stop verifying) and the blobs. Server targets keep using DATA_DIR's.
 */
async function carryDataDirFiles(dataDir: string, target: StoreLocation): Promise<void> {
  if (target.kind !== 'sqlite' || !target.dataDir) {
    console.log('Keep AUTH_JWT_SECRET, MAIL_THREAD_SECRET, PII_MASTER_KEY and the audit signing key (or DATA_DIR\'s files of those names), DATA_DIR/keys.db (the data keys) and DATA_DIR/blobs for the new deployment.');
    return;
  }
  await mkdir(target.dataDir, { recursive: true });
  const carried: string[] = [];
  for (const name of KEY_FILES) {
    const from = join(dataDir, name);
    const to = join(target.dataDir, name);
    if (!(await stat(from).catch(() => null)) || (await stat(to).catch(() => null))) continue;
    await copyFile(from, to);
    carried.push(name);
  }
  // The data keys go with the events they open (an online copy, as the backup makes it).
  const keys = join(dataDir, KEY_STORE_FILE);
  if ((await stat(keys).catch(() => null)) && !(await stat(join(target.dataDir, KEY_STORE_FILE)).catch(() => null))) {
    const db = new Database(keys, { readonly: true });
    try {
      await db.backup(join(target.dataDir, KEY_STORE_FILE));
    } finally {
      db.close();
    }
    carried.push(KEY_STORE_FILE);
  }
  const blobs = await copyBlobs(join(dataDir, 'blobs'), join(target.dataDir, 'blobs'));
  console.log(`Into ${target.dataDir}: keys ${carried.join(', ') || '(none new)'}; blobs ${blobs.copied} copied, ${blobs.skipped} already there.`);
}
