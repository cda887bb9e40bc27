import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Logger } from '@nestjs/common';
import { SlaPolicyBook } from '@helpdesk/application';
import { createEventStore } from '@helpdesk/event-store';
import { LeasedProjector } from '@helpdesk/operations';
import { createReadStore } from '@helpdesk/read-store';
import { allProjections } from '@helpdesk/projections';
import { validateSettings } from '../../api/src/config/settings';
import { openPrivateEventStore } from '../../api/src/privacy/private-event-store.factory';

/**
 * The projection engine on its own, for deployments that scale the API separately (run the API
 * with RUN_PROJECTIONS=false). Run one or several: each projection runs in the one projector
 * holding its lease (a document in the read store, renewed by heartbeat, fenced by its epoch),
 * and another takes it over within PROJECTION_LEASE_SECONDS when that one dies.
 */
async function main(): Promise<void> {
  const logger = new Logger('Projector');
  const settings = validateSettings(process.env);
  const events = await openPrivateEventStore(settings, () => createEventStore({ eventStoreUrl: settings.EVENT_STORE_URL, dataDir: settings.DATA_DIR, synchronous: settings.SQLITE_SYNCHRONOUS }));
  const store = await createReadStore({ mongoUrl: settings.MONGO_URL, dataDir: settings.DATA_DIR, log: (line) => logger.log(line) });
  const owner = `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const projector = new LeasedProjector(events, store, allProjections({ slaPolicies: new SlaPolicyBook(events) }), {
    owner,
    leaseMs: settings.PROJECTION_LEASE_SECONDS * 1000,
    engine: { onError: (name, error) => logger.warn(`${name}: ${error instanceof Error ? error.message : String(error)}`) },
    onChange: ({ projection, event, epoch }) => logger.log(`${projection}: lease ${event}${epoch ? ` (epoch ${epoch})` : ''}`),
    onError: (error) => logger.warn(`lease: ${error instanceof Error ? error.message : String(error)}`),
  });
  await projector.start();
  logger.log(`Projector ${owner} started; holding ${projector.holding().join(', ') || 'no lease yet (another projector runs them)'}`);

  const shutdown = async (signal: string) => {
    logger.log(`${signal}: stopping after the current batch and releasing the leases`);
    await projector.stop();
    await store.close();
    await events.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
