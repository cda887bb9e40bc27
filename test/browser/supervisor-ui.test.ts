import { join } from 'node:path';
import { Page } from 'playwright-core';
import { admin, customer, newTicket, TestApp, TestUser } from '../support/test-app';
import { ARTIFACTS, BROWSER_TEST_TIMEOUT_MS, browserAvailable, launchUiBrowser, UiBrowser, UiScreen } from '../support/browser';

/**
 * A supervisor in the UI: reassigns from the roster, and a change made meanwhile by someone else
 * is not overwritten: the stale command answers 409, the page reloads and says so. The page's
 * timers are frozen (Playwright's clock), so no poll can refresh the page between the other
 * change and the click. Each test has its own app and browser context.
 */
const PASSWORD = 'a supervisor test password';
const nadia: TestUser = { id: 'sup-nadia', role: 'supervisor', email: 'nadia@helpdesk.test', password: PASSWORD, teams: ['karachi', 'lahore'] };
const hina: TestUser = { id: 'cust-hina', role: 'customer', email: 'hina@example.pk', password: PASSWORD };

const suite = browserAvailable() ? describe : describe.skip;
jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

suite('supervisor UI in headless chromium', () => {
  let browser: UiBrowser;
  let ui: UiScreen;
  let t: TestApp;
  let page: Page;

  beforeAll(async () => (browser = await launchUiBrowser()), BROWSER_TEST_TIMEOUT_MS);
  afterAll(async () => browser?.close());

  beforeEach(async () => {
    ui = await browser.screen([nadia, hina]);
    ({ t, page } = ui);
    await ui.rosterAgent('agent-ali', 'Ali Hassan');
    await ui.rosterAgent('agent-sara', 'Sara Malik');
    await page.clock.install();
  }, BROWSER_TEST_TIMEOUT_MS);

  afterEach(async () => ui?.close(), BROWSER_TEST_TIMEOUT_MS);

  it('reassigns from the roster, and refuses to overwrite a change made meanwhile', async () => {
    const ticket = (await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ subject: 'Router keeps rebooting' })).expect(201)).body;
    const assigned = await t.http.post(`/tickets/${ticket.id}/assign`).set(t.as(nadia)).send({ agentId: 'agent-ali' }).expect(200);

    await page.goto(`${ui.url}/#/tickets/${ticket.id}`);
    await page.getByLabel('Email').fill(nadia.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: `${ticket.number}: Router keeps rebooting` }).waitFor();
    await page.locator('[data-field="assignee"]', { hasText: 'Ali Hassan' }).waitFor();

    await page.locator('.action-reassign select[name="agentId"]').selectOption('agent-sara');
    await page.locator('.action-reassign input[name="reason"]').fill('Ali is on leave');
    await page.getByRole('button', { name: 'Reassign' }).click();
    await page.locator('[data-field="assignee"]', { hasText: 'Sara Malik' }).waitFor();
    await page.locator('li[data-type="TicketAssigned"]', { hasText: 'assigned the ticket to Sara Malik' }).waitFor();

    // Someone else raises the priority while the page shows the old revision: the page's timers
    // stand still, so the pushed change cannot reload it before the click (as on a slow network).
    await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1));
    await t.http.post(`/tickets/${ticket.id}/prioritize`).set(t.as(admin)).send({ priority: 'high', reason: 'VIP' }).expect(200);
    await page.locator('.action-prioritize select').selectOption('low');
    await page.getByRole('button', { name: 'Set priority' }).click();
    await page.getByRole('alert').filter({ hasText: 'Someone else changed this ticket meanwhile' }).waitFor();
    await page.locator('.ticket-side .badge.priority-high').waitFor(); // reloaded: the other change is shown
    await page.screenshot({ path: join(ARTIFACTS, 'ticket-conflict-en.png'), fullPage: true });

    const events = (await t.http.get(`/tickets/${ticket.id}/events`).set(t.as(admin)).expect(200)).body as Array<{ type: string; data: { priority?: string } }>;
    expect(events.filter((e) => e.type === 'TicketPrioritized').map((e) => e.data.priority)).toEqual(['high']);
    expect(Number(assigned.body.revision)).toBeLessThan(events.length);
  });

  it('lets a supervisor choose among her teams, and shows a customer who signs in their own requests, never the queue', async () => {
    await ui.signIn(nadia, PASSWORD);
    await page.getByRole('button', { name: /^My team/ }).click();
    const lahore = page.waitForRequest((r) => r.url().includes('/queue?') && r.url().includes('view=team') && r.url().includes('team=lahore'));
    await page.locator('.views select').selectOption('lahore');
    await lahore;

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const queueReads: string[] = [];
    page.on('request', (r) => r.url().includes('/queue') && queueReads.push(r.url()));
    await page.getByLabel('Email').fill(hina.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My requests' }).waitFor();
    expect(queueReads).toEqual([]);
  });
});
