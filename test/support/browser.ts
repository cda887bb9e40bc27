import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium } from 'playwright-core';

const root = join(__dirname, '..', '..');
export const ARTIFACTS = join(root, 'test', 'artifacts');
export const UI_DIR = join(root, 'dist', 'ui');

/** Debian's chromium (apt-get install -y chromium); browsers cannot be downloaded here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether the browser tests can run. Without chromium they are skipped with a loud reason,
 * unless REQUIRE_BROWSER is set (as .ci/run does), where a missing browser is a failure.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const reason = `chromium not found at ${CHROMIUM}: install it with "apt-get install -y chromium" (or set CHROMIUM_PATH)`;
  if (process.env.REQUIRE_BROWSER) throw new Error(`${reason}; REQUIRE_BROWSER is set, so this is a failure`);
  console.warn(`SKIPPED browser tests: ${reason}.`);
  return false;
}

/** The UI build the API serves; `npm test` builds it before Jest starts, this covers running Jest alone. */
export function ensureUiBuilt(): string {
  if (!existsSync(join(UI_DIR, 'index.html'))) execSync('npm run build:ui --silent', { cwd: root, stdio: 'pipe' });
  return UI_DIR;
}

/** Headless chromium with a fresh profile (Playwright refuses --user-data-dir in args). */
export async function launchBrowser(viewport = { width: 1280, height: 860 }): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'helpdesk-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
    viewport,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
