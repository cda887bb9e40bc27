import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { POLICY, renderPolicyTable } from './policy';

describe('the access policy', () => {
  it('is documented in the README exactly as the guard applies it', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');
    const documented = /<!-- policy:start -->\n([\s\S]*?)\n<!-- policy:end -->/.exec(readme)?.[1];
    expect(documented).toBe(renderPolicyTable());
  });

  it('names each route once', () => {
    const routes = Object.values(POLICY).map((r) => r.route);
    expect(new Set(routes).size).toBe(routes.length);
  });
});
