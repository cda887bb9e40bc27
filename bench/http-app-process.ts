import 'reflect-metadata';
import { createApp } from '../apps/api/src/create-app';

/**
 * Child-process entry: the real HTTP app (createApp, as production builds it) on the DATA_DIR
 * given as argv[2], listening on 127.0.0.1 with an ephemeral port. Tells its parent the URL,
 * and closes when the parent says 'stop' or goes away. Runs apart from the load generator so the
 * two do not share an event loop.
 */
async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir || !process.send) throw new Error('usage: fork(http-app-process.js, [dataDir]) with an IPC channel');
  const app = await createApp({ env: { DATA_DIR: dataDir }, logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.on('message', (message) => {
    if (message === 'stop') void stop();
  });
  process.on('disconnect', () => void stop());
  process.send({ url });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
