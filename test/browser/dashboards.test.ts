import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { accessibilityProblems } from '../support/accessibility';
import { ARTIFACTS, BROWSER_TEST_TIMEOUT_MS, browserAvailable, launchUiBrowser, UiBrowser, UiScreen } from '../support/browser';
import { agent, customer, newTicket, TestApp, TestUser } from '../support/test-app';
import { retryWhileBehind, waitUntil } from '../support/wait';

/**
 * The supervisor dashboard and the analyst screen in chromium: the tickets a test makes through
 * the API show as the numbers of each chart's table (and stay live on the dashboard); the analyst
 * changes metric, dimension, range and grouping and the tables follow; the downloads answer JSON;
 * both screens in English and Urdu, axe-clean. Own app and browser context per test.
 */
const PASSWORD = 'a dashboards test password';
const nadia: TestUser = { id: 'sup-nadia', role: 'supervisor', email: 'nadia@helpdesk.test', password: PASSWORD };
const imran: TestUser = { id: 'ana-imran', role: 'analyst', email: 'imran@helpdesk.test', password: PASSWORD };
const ali = agent('agent-ali');
const sara = agent('agent-sara');

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const suite = browserAvailable() ? describe : describe.skip;
jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

type Table = Record<string, Record<string, string>>;

/** A figure's table as the page shows it: row key to column key to the number behind the cell. */
const tableOf = (page: Page, figure: string): Promise<Table> =>
  page.locator(`table[data-figure="${figure}"]`).evaluate((table) => {
    const out: Record<string, Record<string, string>> = {};
    for (const row of table.querySelectorAll('tbody tr')) {
      out[row.getAttribute('data-key')!] = Object.fromEntries([...row.querySelectorAll('td')].map((td) => [td.getAttribute('data-column')!, td.getAttribute('data-value')!]));
    }
    return out;
  });

/** Waits until the figure's table holds exactly `expected` (the page may still be showing an earlier read). */
const tableShows = (page: Page, figure: string, expected: Table) =>
  waitUntil(`the ${figure} table to show ${JSON.stringify(expected)}`, async () => JSON.stringify(await tableOf(page, figure)) === JSON.stringify(expected)).catch(async (e) => {
    throw new Error(`${(e as Error).message}; it shows ${JSON.stringify(await tableOf(page, figure))}`);
  });

suite('the supervisor dashboard and the analyst screen in headless chromium', () => {
  let browser: UiBrowser;
  let ui: UiScreen;
  let t: TestApp;
  let page: Page;
  let last = '0';

  beforeAll(async () => (browser = await launchUiBrowser()), BROWSER_TEST_TIMEOUT_MS);
  afterAll(async () => browser?.close());
  beforeEach(async () => {
    // No SLA watch: what the SLA chart counts is computed from the deadlines at the app's clock, and nothing escalates meanwhile.
    ui = await browser.screen([nadia, imran], { RUN_SLA_WATCH: 'false' });
    ({ t, page } = ui);
    last = '0';
    // Their own profiles (the header shows their working hours' zone from them).
    await ui.rosterAgent(nadia.id, 'Nadia Aslam', { email: nadia.email });
    await ui.rosterAgent(imran.id, 'Imran Qureshi', { email: imran.email });
    await ui.rosterAgent(ali.id, 'Ali Hassan');
    await ui.rosterAgent(sara.id, 'Sara Malik');
  }, BROWSER_TEST_TIMEOUT_MS);
  afterEach(async () => {
    const errors = ui.consoleErrors();
    await ui.close();
    expect(errors).toEqual([]);
  }, BROWSER_TEST_TIMEOUT_MS);

  const post = async (path: string, who: TestUser, body: object = {}) => {
    const res = await t.http.post(path).set(t.as(who)).send(body);
    if (res.status >= 300) throw new Error(`${path} answered ${res.status}: ${res.text}`);
    last = res.body.position;
    return res.body as { id: string; number: string; position: string };
  };
  const at = (instant: number) => t.clock.set(new Date(instant).toISOString());
  /** Waits until every read model the screens read has applied the test's last write. */
  const readSideCaughtUp = async (who: TestUser, paths: string[]) => {
    for (const path of paths) {
      const res = await retryWhileBehind(() => t.http.get(path).query({ consistentWith: last }).set(t.as(who)));
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
    }
  };

  it('shows the backlog, SLA risk, workload, first responses and CSAT of the tickets made, live, in English and Urdu', async () => {
    // Emergency tickets run on the around-the-clock calendar: first response due in 30 minutes
    // (warned at 24), resolution in 4 hours (warned at 192 minutes), whatever the day and hour.
    const now = t.clock.now().getTime();
    const emergency = (subject: string) => newTicket({ subject, category: 'emergency' });
    const work = async (submittedAgo: number, who: TestUser, steps: { replyAfter?: number; start?: boolean; wait?: boolean; rate?: number }) => {
      const base = now - submittedAgo;
      at(base);
      const ticket = await post('/tickets', customer, emergency(`${submittedAgo / MINUTE} minutes old`));
      at(base + MINUTE);
      await post(`/tickets/${ticket.id}/assign`, nadia, { agentId: who.id });
      if (steps.start) await post(`/tickets/${ticket.id}/start`, who);
      if (steps.replyAfter) {
        at(base + steps.replyAfter);
        await post(`/tickets/${ticket.id}/comments`, who, { body: 'Looking into it now.', visibility: 'public' });
      }
      if (steps.wait) await post(`/tickets/${ticket.id}/wait`, who, { note: 'Asked for the router logs' });
      if (steps.rate) {
        await post(`/tickets/${ticket.id}/resolve`, who, { resolution: 'Restarted the gateway' });
        await post(`/tickets/${ticket.id}/satisfaction`, customer, { score: steps.rate });
        await post(`/tickets/${ticket.id}/confirm`, customer);
        await post(`/tickets/${ticket.id}/close`, who);
      }
    };
    at(now - 200 * HOUR);
    await post('/tickets', customer, emergency('Left alone for a week')); // new, both targets past
    await work(30 * HOUR, ali, {}); // assigned, both targets past
    await work(6 * HOUR, ali, { start: true, replyAfter: 30 * MINUTE, rate: 5 }); // closed, rated 5
    await work(5.5 * HOUR, ali, { start: true, replyAfter: 50 * MINUTE, rate: 2 }); // closed, rated 2
    await work(5 * HOUR, ali, { start: true, replyAfter: 10 * MINUTE }); // in progress, resolution past
    await work(210 * MINUTE, sara, { start: true, replyAfter: 20 * MINUTE }); // in progress, resolution at risk
    await work(2 * HOUR, sara, { start: true, replyAfter: 40 * MINUTE, wait: true }); // waiting: clock paused
    at(now - 25 * MINUTE);
    await post('/tickets', customer, emergency('Just in')); // new, first response at risk
    at(now);
    await readSideCaughtUp(nadia, ['/queue/counts', '/metrics/backlog/ages', '/sla/at-risk', '/sla/breaches', '/workload', '/metrics/summary']);

    await ui.signIn(nadia, PASSWORD);
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { level: 1, name: 'Supervisor dashboard' }).waitFor();
    await page.getByRole('table', { name: '6 open tickets, by status' }).waitFor();

    await tableShows(page, 'backlog-status', { new: { open: '2' }, assigned: { open: '1' }, in_progress: { open: '2' }, waiting_on_customer: { open: '1' } });
    await tableShows(page, 'backlog-age', {
      under_1h: { open: '1' }, '1h_4h': { open: '2' }, '4h_24h': { open: '1' }, '1d_3d': { open: '1' }, '3d_7d': { open: '0' }, over_7d: { open: '1' },
    });
    await tableShows(page, 'sla', { first_response: { atRisk: '1', breached: '2' }, resolution: { atRisk: '1', breached: '3' } });
    await tableShows(page, 'workload', {
      'agent-ali': { assigned: '1', in_progress: '1', waiting_on_customer: '0', open: '2' },
      'agent-sara': { assigned: '0', in_progress: '1', waiting_on_customer: '1', open: '2' },
    });
    // Business minutes on the around-the-clock calendar: Ali answered after 30, 50 and 10, Sara after 20 and 40.
    await tableShows(page, 'first-response', { 'agent-ali': { median: '30', p90: '50', count: '3' }, 'agent-sara': { median: '20', p90: '40', count: '2' } });
    await tableShows(page, 'csat', { 5: { ratings: '1' }, 4: { ratings: '0' }, 3: { ratings: '0' }, 2: { ratings: '1' }, 1: { ratings: '0' } });
    expect(await page.locator('[data-fact="csat"]').innerText()).toBe('50%');
    expect(await page.locator('[data-fact="average"]').innerText()).toBe('3.5');
    // Names from the roster, durations as the agent reads them.
    const firstResponse = page.getByRole('table', { name: /^Business time to the first reply/ });
    await firstResponse.getByRole('row', { name: /Ali Hassan/ }).getByRole('cell', { name: '30 min' }).waitFor();
    // Each table has its chart beside it, hidden from screen readers (the table holds the numbers).
    for (const figure of ['backlog-status', 'backlog-age', 'sla', 'workload', 'first-response', 'csat']) {
      const chart = page.locator(`canvas[data-chart="${figure}"]`);
      expect({ figure, hidden: await chart.getAttribute('aria-hidden'), drawn: await chart.evaluate((c: HTMLCanvasElement) => c.width > 0 && c.height > 0) }).toEqual({ figure, hidden: 'true', drawn: true });
    }
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-en.png'), fullPage: true });
    expect(await accessibilityProblems(page)).toEqual([]);

    // Live: a ticket filed now shows without a reload.
    await post('/tickets', customer, emergency('Arrived while watching'));
    await tableShows(page, 'backlog-status', { new: { open: '3' }, assigned: { open: '1' }, in_progress: { open: '2' }, waiting_on_customer: { open: '1' } });
    await page.locator('table[data-figure="backlog-age"] tr[data-key="under_1h"] td[data-value="2"]').waitFor();

    await page.getByLabel('Language').selectOption('ur');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.getByRole('heading', { level: 1, name: 'نگران کا ڈیش بورڈ' }).waitFor();
    await page.getByRole('table', { name: '7 کھلے ٹکٹ، حالت کے لحاظ سے' }).waitFor();
    await tableShows(page, 'sla', { first_response: { atRisk: '1', breached: '2' }, resolution: { atRisk: '1', breached: '3' } });
    await page.getByRole('table', { name: /^پہلے جواب تک کاروباری وقت/ }).getByRole('row', { name: /Ali Hassan/ }).getByRole('cell', { name: '30 منٹ' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-ur.png'), fullPage: true });
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('lets an analyst choose metric, dimension, range and grouping, the tables following, and download figures and collections', async () => {
    const now = t.clock.now().getTime();
    // Ten days ago: three incidents (one resolved); two days ago: an incident and two questions.
    at(now - 10 * DAY);
    for (const n of [1, 2, 3]) {
      const ticket = await post('/tickets', customer, newTicket({ subject: `Old incident ${n}`, category: 'incident' }));
      if (n === 1) {
        await post(`/tickets/${ticket.id}/assign`, nadia, { agentId: ali.id });
        await post(`/tickets/${ticket.id}/start`, ali);
        await post(`/tickets/${ticket.id}/resolve`, ali, { resolution: 'Cleared the cache' });
      }
    }
    at(now - 2 * DAY);
    await post('/tickets', customer, newTicket({ subject: 'Recent incident', category: 'incident' }));
    await post('/tickets', customer, newTicket({ subject: 'How do I export?', category: 'question' }));
    await post('/tickets', customer, newTicket({ subject: 'Where is the invoice?', category: 'question' }));
    at(now);
    await readSideCaughtUp(imran, ['/metrics/summary']);
    const karachiDay = (instant: number) => new Date(instant + 5 * HOUR).toISOString().slice(0, 10);
    const [older, recent] = [karachiDay(now - 10 * DAY), karachiDay(now - 2 * DAY)];

    await ui.signIn(imran, PASSWORD);
    await page.getByRole('link', { name: 'Analytics' }).click();
    await page.getByRole('heading', { level: 1, name: 'Analytics' }).waitFor();
    await tableShows(page, 'by-value', { '*': { metric: '6' } });
    const overTime = await tableOf(page, 'over-time');
    expect(Object.keys(overTime)).toHaveLength(30);
    expect({ older: overTime[older], recent: overTime[recent] }).toEqual({ older: { '*': '3' }, recent: { '*': '3' } });
    await page.screenshot({ path: join(ARTIFACTS, 'analytics-en.png'), fullPage: true });
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByRole('combobox', { name: 'Broken down by', exact: true }).selectOption('category');
    await tableShows(page, 'by-value', { incident: { metric: '4' }, question: { metric: '2' } });
    const byCategory = await tableOf(page, 'over-time');
    expect({ older: byCategory[older], recent: byCategory[recent] }).toEqual({ older: { incident: '3', question: '0' }, recent: { incident: '1', question: '2' } });
    await page.getByRole('table', { name: /^Tickets in per day, by category/ }).waitFor();

    await page.getByRole('combobox', { name: 'Range', exact: true }).selectOption('7');
    await tableShows(page, 'by-value', { question: { metric: '2' }, incident: { metric: '1' } });
    expect(Object.keys(await tableOf(page, 'over-time'))).toHaveLength(7);

    await page.getByRole('combobox', { name: 'Metric', exact: true }).selectOption('resolved');
    await page.getByRole('combobox', { name: 'Range', exact: true }).selectOption('30');
    await tableShows(page, 'by-value', { incident: { metric: '1', ticketsIn: '4' }, question: { metric: '0', ticketsIn: '2' } });

    await page.getByRole('combobox', { name: 'Group', exact: true }).selectOption('week');
    await page.getByRole('table', { name: /^Resolved per week, by category/ }).waitFor();
    const weeks = await tableOf(page, 'over-time');
    expect(Object.values(weeks).reduce((n, w) => n + Number(w.incident), 0)).toBe(1);
    expect(Object.keys(weeks).every((k) => /^\d{4}-W\d{2}$/.test(k))).toBe(true);

    // A range that ends before it starts is refused on the screen, and nothing is asked.
    await page.getByRole('combobox', { name: 'Range', exact: true }).selectOption('custom');
    await page.locator('input[name="from"]').fill(recent);
    await page.locator('input[name="to"]').fill(older);
    await page.getByRole('alert').filter({ hasText: 'The range must not end before it starts.' }).waitFor();
    await page.locator('input[name="to"]').fill(recent);
    await page.getByRole('combobox', { name: 'Group', exact: true }).selectOption('day');
    await tableShows(page, 'by-value', { question: { metric: '0', ticketsIn: '2' }, incident: { metric: '0', ticketsIn: '1' } });

    // Downloads: the figures shown, and a whole collection from the export feed.
    const figuresAnswer = page.waitForResponse((r) => r.url().includes('/metrics/daily?') && r.request().method() === 'GET');
    const figuresFile = page.waitForEvent('download');
    await page.getByRole('button', { name: 'These figures (JSON)' }).click();
    const answered = await figuresAnswer;
    expect({ status: answered.status(), type: answered.headers()['content-type'] }).toEqual({ status: 200, type: expect.stringMatching(/^application\/json/) });
    const saved = await figuresFile;
    expect(saved.suggestedFilename()).toBe(`metrics-daily-category-${recent}-${recent}.json`);
    expect(JSON.parse(readFileSync(await saved.path(), 'utf8'))).toMatchObject({ dimension: 'category', items: expect.arrayContaining([expect.objectContaining({ day: recent, value: 'question', ticketsIn: 2 })]) });

    const exportAnswer = page.waitForResponse((r) => r.url().includes('/export/metrics_daily'));
    const exportFile = page.waitForEvent('download');
    await page.locator('button[data-export="metrics_daily"]', { hasText: 'Download' }).click();
    const exported = await exportAnswer;
    expect({ status: exported.status(), type: exported.headers()['content-type'] }).toEqual({ status: 200, type: expect.stringMatching(/^application\/json/) });
    const collection = await exportFile;
    expect(collection.suggestedFilename()).toBe('metrics_daily.ndjson');
    const lines = readFileSync(await collection.path(), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { dimension: string; value: string; day: string; ticketsIn: number });
    expect(lines.find((l) => l.dimension === 'category' && l.value === 'incident' && l.day === older)).toMatchObject({ ticketsIn: 3 });
    await page.getByText('Saved metrics_daily.ndjson').waitFor({ state: 'attached' });

    await page.getByLabel('Language').selectOption('ur');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.getByRole('heading', { level: 1, name: 'تجزیات' }).waitFor();
    await page.getByRole('table', { name: /^حل شدہ فی دن، زمرے کے لحاظ سے/ }).waitFor();
    await tableShows(page, 'by-value', { question: { metric: '0', ticketsIn: '2' }, incident: { metric: '0', ticketsIn: '1' } });
    await page.screenshot({ path: join(ARTIFACTS, 'analytics-ur.png'), fullPage: true });
    expect(await accessibilityProblems(page)).toEqual([]);
  });
});
