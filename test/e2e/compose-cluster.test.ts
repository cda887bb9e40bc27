import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/*
 * No Docker engine here (`docker compose config` needs one): docker/check-compose.py parses the
 * cluster compose file with PyYAML and checks it against compose.yaml, settings.ts and nginx.
 */
const root = join(__dirname, '..', '..');
const python = spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' });

(python.status === 0 ? describe : describe.skip)('docker/compose.cluster.yaml', () => {
  it('parses and agrees with compose.yaml, the settings and the load balancer', () => {
    const run = spawnSync('python3', [join(root, 'docker', 'check-compose.py')], { encoding: 'utf8' });
    expect(run.stdout + run.stderr).toContain('consistent with compose.yaml');
    expect(run.status).toBe(0);
  });
});
if (python.status !== 0) console.warn('compose cluster check skipped: python3 with PyYAML is not installed');
