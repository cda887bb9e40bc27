import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Settings } from './config/settings';
import { createApp } from './create-app';

async function bootstrap(): Promise<void> {
  const app = await createApp();
  const settings = app.get(ConfigService).get<Settings>('settings')!;
  await app.listen(settings.PORT);
  const backend = settings.EVENT_STORE_URL ? 'EventStoreDB' : `embedded SQLite in ${settings.DATA_DIR}`;
  Logger.log(`Helpdesk listening on http://localhost:${settings.PORT} (event store: ${backend}; API docs at /api/docs)`, 'Helpdesk');
}

bootstrap().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
