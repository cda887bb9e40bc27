import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { ManualClock } from '@helpdesk/shared';
import { admin, startTestApp, TestApp, TestUser } from './test-app';

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

const OFFICE_HOURS = { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']] };

export interface UiFixture {
  t: TestApp;
  page: Page;
  /** Puts an agent on the roster (as the admin), in Asia/Karachi office hours. */
  rosterAgent(agentId: string, name: string, extra?: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real app serving the UI build (routing off, so tickets stay where a test puts them; its
 * clock starts at the real now, as the browser's does) and a fresh headless chromium page on it.
 */
export async function startUiFixture(users: TestUser[]): Promise<UiFixture> {
  const t = await startTestApp({ users, clock: new ManualClock(new Date().toISOString()), env: { RUN_ROUTING: 'false', UI_DIR: ensureUiBuilt() } });
  const browser = await launchBrowser().catch(async (error) => {
    await t.destroy();
    throw error;
  });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  return {
    t,
    page,
    rosterAgent: async (agentId, name, extra = {}) => {
      await t.http
        .post('/agents')
        .set(t.as(admin))
        .send({ agentId, name, email: `${agentId}@helpdesk.test`, skills: ['incident'], languages: ['ur'], timeZone: 'Asia/Karachi', workingHours: OFFICE_HOURS, maxOpenTickets: 5, ...extra })
        .expect(201);
    },
    close: async () => {
      await browser.close();
      await t.destroy();
    },
  };
}
