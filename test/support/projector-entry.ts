import { join } from 'node:path';
export { buildApps } from './build-once';

/** The built projector process (build with buildApps first). */
export const projectorEntry = join(__dirname, '..', '..', 'dist', 'apps', 'projector', 'src', 'main.js');
