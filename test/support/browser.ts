import { execSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { ManualClock } from '@helpdesk/shared';
import { admin, startTestApp, TestApp, TestUser } from './test-app';

const root = join(__dirname, '..', '..');
export const ARTIFACTS = join(root, 'test', 'artifacts');
export const UI_DIR = join(root, 'dist', 'ui');

/** Debian's chromium (apt-get install -y chromium); browsers cannot be downloaded here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * How long a browser step may wait for its condition. Generous: the steps wait for what the page
 * shows, never for a time, so on an idle machine they return in milliseconds, and a busy one
 * (the whole suite on two cores) only makes them slower.
 */
export const STEP_TIMEOUT_MS = 60_000;
/** Jest's limit for one browser test: several steps, each bounded by STEP_TIMEOUT_MS. */
export const BROWSER_TEST_TIMEOUT_MS = 300_000;

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

const OFFICE_HOURS = { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']] };

/** One test's world: its own app (own data, own clock) and its own browser context and page. */
export interface UiScreen {
  t: TestApp;
  page: Page;
  /** The app's address as the browser uses it. */
  url: string;
  /** Puts an agent on the roster (as the admin), in Asia/Karachi office hours. */
  rosterAgent(agentId: string, name: string, extra?: Record<string, unknown>): Promise<void>;
  /** Signs `user` in through the form and waits for the queue. */
  signIn(user: TestUser, password: string): Promise<void>;
  /** Errors the page logged (console errors and uncaught exceptions), CSP violations included. */
  consoleErrors(): string[];
  close(): Promise<void>;
}

export interface UiBrowser {
  /**
   * A fresh screen: a new app serving the UI build (routing off, so tickets stay where a test
   * puts them; its clock starts at the real now, as the browser's does) and a new browser
   * context (no cookies, storage or open page shared with any other test).
   */
  screen(users: TestUser[], env?: Record<string, string>): Promise<UiScreen>;
  close(): Promise<void>;
}

/** Headless chromium, launched once per test file; every test gets its own context in it. */
export async function launchUiBrowser(): Promise<UiBrowser> {
  const uiDir = ensureUiBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
  const screens = new Set<UiScreen>();
  return {
    screen: async (users, env = {}) => {
      const t = await startTestApp({ users, clock: new ManualClock(new Date().toISOString()), env: { RUN_ROUTING: 'false', UI_DIR: uiDir, ...env } });
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-GB', timezoneId: 'Europe/London' }).catch(async (error) => {
        await t.destroy();
        throw error;
      });
      context.setDefaultTimeout(STEP_TIMEOUT_MS);
      const page = await context.newPage();
      // BROWSER_CPU_THROTTLE=<n> slows the page's CPU n times (Chrome's own throttling), to try the
      // UI as a busy machine runs it.
      const throttle = Number(process.env.BROWSER_CPU_THROTTLE ?? 1);
      if (throttle > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: throttle });
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(String(e)));
      const url = t.url.replace('[::1]', '127.0.0.1');
      const screen: UiScreen = {
        t,
        page,
        url,
        rosterAgent: async (agentId, name, extra = {}) => {
          await t.http
            .post('/agents')
            .set(t.as(admin))
            .send({ agentId, name, email: `${agentId}@helpdesk.test`, skills: ['incident'], languages: ['ur'], timeZone: 'Asia/Karachi', workingHours: OFFICE_HOURS, maxOpenTickets: 5, ...extra })
            .expect(201);
        },
        signIn: async (user, password) => {
          if (!page.url().startsWith(url)) await page.goto(url);
          await page.getByLabel('Email').fill(user.email);
          await page.getByLabel('Password').fill(password);
          await page.getByRole('button', { name: 'Sign in' }).click();
          await page.getByRole('heading', { name: 'Sign in' }).waitFor({ state: 'detached' });
        },
        consoleErrors: () => [...errors],
        close: async () => {
          screens.delete(screen);
          await context.close().catch(() => undefined);
          await t.destroy();
        },
      };
      screens.add(screen);
      return screen;
    },
    close: async () => {
      for (const screen of [...screens]) await screen.close();
      await browser.close();
    },
  };
}
