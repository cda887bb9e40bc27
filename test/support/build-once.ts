import { execSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** Compiles the apps (swc, about a second) so tests can run them as real processes. */
export function buildApps(): string {
  execSync('npm run build:api --silent', { cwd: root, stdio: 'pipe' });
  return root;
}

export const cliEntry = join(root, 'dist', 'apps', 'cli', 'src', 'main.js');
export const apiEntry = join(root, 'dist', 'apps', 'api', 'src', 'main.js');
