import { join } from 'node:path';
import { Page } from 'playwright-core';
import { accessibilityProblems } from '../support/accessibility';
import { ARTIFACTS, BROWSER_TEST_TIMEOUT_MS, browserAvailable, launchUiBrowser, UiBrowser, UiScreen } from '../support/browser';
import { customer, newTicket, TestApp, TestUser } from '../support/test-app';

/**
 * Names instead of ids (queue, ticket summary, timeline), ticket search from the header, and the
 * customer's history beside a ticket, in a real headless chromium, in English and in Urdu (right
 * to left), axe-core clean. Each test has its own app and browser context, and opens a page only
 * once the read side holds what the page must show.
 */
const PASSWORD = 'a search test password';
const nadia: TestUser = { id: 'sup-nadia', role: 'supervisor', email: 'nadia@helpdesk.test', password: PASSWORD };
const zara: TestUser = { id: 'agent-zara', role: 'agent', email: 'zara@helpdesk.test', password: PASSWORD };
const hina: TestUser = { id: 'cust-hina', role: 'customer', email: 'hina@example.pk', password: PASSWORD };
const HINA = { name: 'Hina Baig', email: hina.email, timezone: 'Asia/Karachi', language: 'en' };

const suite = browserAvailable() ? describe : describe.skip;
jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

suite('search, names and customer context in headless chromium', () => {
  let browser: UiBrowser;
  let ui: UiScreen;
  let t: TestApp;
  let page: Page;

  beforeAll(async () => (browser = await launchUiBrowser()), BROWSER_TEST_TIMEOUT_MS);
  afterAll(async () => browser?.close());
  beforeEach(async () => {
    ui = await browser.screen([nadia, zara, hina]);
    ({ t, page } = ui);
    await ui.rosterAgent(zara.id, 'Zara Ahmed', { email: zara.email });
    await ui.rosterAgent(nadia.id, 'Nadia Aslam', { email: nadia.email });
  }, BROWSER_TEST_TIMEOUT_MS);
  afterEach(async () => {
    const errors = ui.consoleErrors();
    await ui.close();
    expect(errors).toEqual([]);
  }, BROWSER_TEST_TIMEOUT_MS);

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const submit = async (who: TestUser, overrides: Record<string, unknown>) =>
    (await t.http.post('/tickets').set(t.as(who)).send(newTicket(overrides)).expect(201)).body as { id: string; number: string; position: string };
  const command = async (who: TestUser, id: string, path: string, body: Record<string, unknown> = {}) =>
    (await t.http.post(`/tickets/${id}/${path}`).set(t.as(who)).send(body).expect(200)).body as { position: string };
  const searchFor = async (words: string) => {
    const box = page.getByRole('searchbox', { name: /^(Search tickets|ٹکٹ تلاش کریں)$/ });
    await box.fill(words);
    await box.press('Enter');
  };
  const toUrdu = async () => {
    await page.locator('header select').selectOption('ur');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  };

  it('names people in the queue, the summary and the timeline, finds tickets from the header, and shows the customer’s history, in English and Urdu', async () => {
    // Ayesha's earlier ticket, worked by Zara and rated; and the one she writes about now.
    const earlier = await submit(customer, { subject: 'Router resets every night', description: 'The router reboots at midnight.' });
    for (const [path, body] of [['assign', { agentId: zara.id }], ['start', {}], ['resolve', { resolution: 'Firmware updated.' }]] as const) await command(zara, earlier.id, path, body);
    await command(customer, earlier.id, 'satisfaction', { score: 4, comment: 'Quick and kind' });
    const current = await submit(customer, { subject: 'Visa portal rejects my password', description: 'The embassy portal shows a blank page after sign-in.' });
    await command(nadia, current.id, 'assign', { agentId: zara.id });
    const { position } = await command(zara, current.id, 'comments', { body: 'Looking into the embassy portal now.', visibility: 'public' });
    // The read side has all of it (the ticket, its search document, the customer's history) before a page asks.
    const context = (await t.http.get(`/tickets/${current.id}/customer-context`).query({ consistentWith: position }).set(t.as(nadia)).expect(200)).body;
    expect(context.ratings).toHaveLength(1);
    await t.http.get('/queue').query({ consistentWith: position }).set(t.as(nadia)).expect(200);

    await ui.signIn(nadia, PASSWORD);
    await page.getByRole('heading', { name: 'Queue' }).waitFor();
    const row = page.locator(`tr[data-ticket="${current.number}"]`);
    await row.locator('[data-field="assignee"]', { hasText: 'Zara Ahmed' }).waitFor();
    expect(await row.innerText()).not.toContain(zara.id);

    await row.getByRole('link', { name: current.number }).click();
    await page.getByRole('heading', { level: 1, name: `${current.number}: Visa portal rejects my password` }).waitFor();
    await page.locator('[data-field="assignee"]', { hasText: 'Zara Ahmed · not acknowledged yet' }).waitFor();
    await page.locator('li[data-type="TicketAssigned"]', { hasText: 'Supervisor Nadia Aslam assigned the ticket to Zara Ahmed' }).waitFor();
    await page.locator('li[data-type="CommentAdded"]', { hasText: 'Agent Zara Ahmed replied' }).waitFor();
    await page.locator('li[data-type="TicketSubmitted"]', { hasText: 'Customer Ayesha Khan submitted the ticket' }).waitFor();
    expect(await page.locator('ol.timeline').innerText()).not.toMatch(/agent-zara|sup-nadia|cust-ayesha/);
    // Her history: the earlier ticket with its status, and her rating with its date and comment.
    const history = page.locator('.customer-context');
    await history.locator(`tr[data-ticket="${earlier.number}"]`, { hasText: 'Resolved' }).waitFor();
    const rating = history.locator('[data-part="ratings"] tbody tr');
    await rating.filter({ hasText: '4 of 5' }).filter({ hasText: 'Quick and kind' }).waitFor();
    expect(await rating.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    await page.locator('[data-field="customer-time"]').waitFor(); // the local time stays
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot('names-and-context-en');

    // Search from the header by a word of the description: the results screen, the word marked.
    await searchFor('embassy');
    await page.getByRole('heading', { level: 1, name: 'Tickets matching “embassy”' }).waitFor();
    const results = page.locator('ol.search-results > li');
    await page.getByRole('status').filter({ hasText: '1 ticket found' }).waitFor();
    expect(await results.locator('mark').first().innerText()).toBe('embassy');
    expect(await results.locator('[data-field="assignee"]').innerText()).toBe('Zara Ahmed');
    // By the customer's name: both of her tickets.
    await searchFor('Ayesha Khan');
    await page.getByRole('status').filter({ hasText: '2 tickets found' }).waitFor();
    expect((await results.evaluateAll((items) => items.map((li) => li.getAttribute('data-ticket')))).sort()).toEqual([current.number, earlier.number].sort());
    expect(await results.first().locator('[data-field="customer"] mark').allInnerTexts()).toEqual(['Ayesha', 'Khan']);
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot('search-en');
    // By keyboard: the result's link opens the ticket.
    await page.locator(`ol.search-results > li[data-ticket="${earlier.number}"] h2 a`).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `${earlier.number}: Router resets every night` }).waitFor();

    // The same in Urdu, right to left.
    await toUrdu();
    await page.evaluate((id) => (location.hash = `#/tickets/${id}`), current.id);
    await page.getByRole('heading', { level: 2, name: 'اس صارف کی تاریخ' }).waitFor();
    await page.locator('li[data-type="TicketAssigned"]', { hasText: 'Zara Ahmed' }).waitFor();
    await page.locator('.customer-context [data-part="ratings"] [data-field="score"]', { hasText: '5 میں سے 4' }).waitFor();
    expect(await page.locator('ol.timeline').innerText()).not.toMatch(/agent-zara|sup-nadia/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot('names-and-context-ur');
    await searchFor('ایمبیسی embassy');
    await page.getByRole('status').filter({ hasText: 'کوئی ٹکٹ نہیں ملا' }).waitFor();
    await searchFor('embassy');
    await page.getByRole('heading', { level: 1, name: '“embassy” سے ملتے ٹکٹ' }).waitFor();
    await page.getByRole('status').filter({ hasText: '1 ٹکٹ ملا' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot('search-ur');
  });

  it('lets a customer search their own requests only, never by another customer’s words or an internal note', async () => {
    const hers = await submit(hina, { subject: 'Parcel not delivered', description: 'The courier says the parcel left Lahore on Monday.', customer: HINA });
    await submit(customer, { subject: 'Courier lost my parcel too', description: 'Ayesha’s parcel, somewhere in Karachi.' });
    const { position } = await command(zara, hers.id, 'comments', { body: 'Warehouse blames the nightshift.', visibility: 'internal' });
    await t.http.get('/search/tickets').query({ q: 'parcel', consistentWith: position }).set(t.as(hina)).expect(200);

    await ui.signIn(hina, PASSWORD);
    await page.getByRole('heading', { name: 'My requests' }).waitFor();
    await searchFor('parcel');
    await page.getByRole('status').filter({ hasText: '1 ticket found' }).waitFor();
    expect(await page.locator('ol.search-results > li').getAttribute('data-ticket')).toBe(hers.number);
    expect(await page.locator('ol.search-results').innerText()).not.toMatch(/Karachi|Ayesha|Warehouse/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot('search-customer-en');
    for (const words of ['Karachi', 'warehouse nightshift']) {
      await searchFor(words);
      await page.getByRole('heading', { level: 1, name: `Tickets matching “${words}”` }).waitFor();
      await page.getByRole('status').filter({ hasText: 'No tickets match' }).waitFor();
    }
    await toUrdu();
    await searchFor('Lahore');
    await page.getByRole('status').filter({ hasText: '1 ٹکٹ ملا' }).waitFor();
    await page.locator('ol.search-results a').click();
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Parcel not delivered' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot('search-customer-ur');
  });
});
