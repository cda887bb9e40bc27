import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { SlaPolicyBook } from '@helpdesk/application';
import { createEventStore } from '@helpdesk/event-store';
import { ProjectionEngine } from '@helpdesk/projection-engine';
import { createReadStore } from '@helpdesk/read-store';
import { allProjections } from '@helpdesk/projections';
import { validateSettings } from '../../api/src/config/settings';

/**
 * The projection engine on its own, for deployments that scale the API separately
 * (run the API with RUN_PROJECTIONS=false). One projector per read store.
 */
async function main(): Promise<void> {
  const logger = new Logger('Projector');
  const settings = validateSettings(process.env);
  const events = createEventStore({ eventStoreUrl: settings.EVENT_STORE_URL, dataDir: settings.DATA_DIR, synchronous: settings.SQLITE_SYNCHRONOUS });
  const store = await createReadStore({ mongoUrl: settings.MONGO_URL, dataDir: settings.DATA_DIR, log: (line) => logger.log(line) });
  const engine = new ProjectionEngine(events, store, allProjections({ slaPolicies: new SlaPolicyBook(events) }), {
    onError: (name, error) => logger.warn(`${name}: ${error instanceof Error ? error.message : String(error)}`),
  });
  await engine.start();
  logger.log(`Projecting ${engine.projections.map((p) => p.name).join(', ')}`);

  const shutdown = async (signal: string) => {
    logger.log(`${signal}: stopping after the current batch`);
    await engine.stop();
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
