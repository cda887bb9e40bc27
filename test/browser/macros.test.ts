import { join } from 'node:path';
import { Page } from 'playwright-core';
import { accessibilityProblems } from '../support/accessibility';
import { ARTIFACTS, BROWSER_TEST_TIMEOUT_MS, browserAvailable, launchUiBrowser, UiBrowser, UiScreen } from '../support/browser';
import { customer, newTicket, TestApp, TestUser } from '../support/test-app';

/**
 * A supervisor keeps the team's macros on their own screen (written in English and Urdu, then
 * retired), and an agent applies the one written there. Own app and browser context per test.
 */
const PASSWORD = 'a macros test password';
const nadia: TestUser = { id: 'sup-nadia', role: 'supervisor', email: 'nadia@helpdesk.test', password: PASSWORD };

const suite = browserAvailable() ? describe : describe.skip;
jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

suite('the macros screen in headless chromium', () => {
  let browser: UiBrowser;
  let ui: UiScreen;
  let t: TestApp;
  let page: Page;

  beforeAll(async () => (browser = await launchUiBrowser()), BROWSER_TEST_TIMEOUT_MS);
  afterAll(async () => browser?.close());
  beforeEach(async () => {
    ui = await browser.screen([nadia]);
    ({ t, page } = ui);
    // Her own agent profile (the header shows her working hours' zone from it).
    await ui.rosterAgent(nadia.id, 'Nadia Aslam', { email: nadia.email });
  }, BROWSER_TEST_TIMEOUT_MS);
  afterEach(async () => {
    const errors = ui.consoleErrors();
    await ui.close();
    expect(errors).toEqual([]);
  }, BROWSER_TEST_TIMEOUT_MS);

  it('writes a macro with an Urdu reply and a change, lists it, applies it, and retires it, in English and Urdu', async () => {
    await ui.signIn(nadia, PASSWORD);
    await page.getByRole('link', { name: 'Macros' }).click();
    await page.getByRole('heading', { level: 1, name: 'Macros' }).waitFor();
    await page.getByText('No macros yet: supervisors write them.').waitFor();

    await page.getByLabel('Name').fill('Outage acknowledged');
    await page.getByLabel('Reply in English').fill('Dear {{customer.name}}, we know about the outage behind {{ticket.number}}.');
    await page.getByLabel('Reply in Urdu (optional)').fill('{{customer.name}} صاحب، ہمیں {{ticket.number}} والی خرابی کا علم ہے۔');
    await page.locator('.macro-form select[name="priority"]').selectOption('high');
    await page.getByLabel('New tags (separate with commas)').fill('outage');
    await page.getByRole('button', { name: 'Save macro' }).click();
    await page.locator('.macro-list li', { hasText: 'Outage acknowledged' }).waitFor();
    expect(await page.locator('.macro-list li').innerText()).toContain('public reply, version 1');
    await page.screenshot({ path: join(ARTIFACTS, 'macros-en.png'), fullPage: true });
    expect(await accessibilityProblems(page)).toEqual([]);

    // What the screen wrote is what an agent applies.
    const ticket = (await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ subject: 'Site down' })).expect(201)).body;
    await t.http.get(`/tickets/${ticket.id}`).query({ consistentWith: ticket.position }).set(t.as(nadia)).expect(200); // projected before the page asks
    await page.evaluate((id) => (location.hash = `#/tickets/${id}`), ticket.id);
    await page.getByRole('heading', { level: 1, name: `${ticket.number}: Site down` }).waitFor();
    await page.locator('.action-macro select').selectOption({ label: 'Outage acknowledged' });
    await page.getByRole('button', { name: 'Apply macro' }).click();
    await page.locator('li[data-type="CommentAdded"]', { hasText: `Ayesha Khan صاحب، ہمیں ${ticket.number} والی خرابی کا علم ہے۔` }).waitFor();
    await page.locator('.ticket-side .badge.priority-high').waitFor();

    await page.evaluate(() => (location.hash = '#/macros'));
    await page.getByLabel('Language').selectOption('ur');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.getByRole('heading', { level: 1, name: 'میکرو' }).waitFor();
    await page.getByRole('button', { name: 'Outage acknowledged ریٹائر کریں' }).click();
    await page.getByText('ابھی کوئی میکرو نہیں: نگران انہیں لکھتے ہیں۔').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'macros-ur.png'), fullPage: true });
    expect(await accessibilityProblems(page)).toEqual([]);
    const listed = (await t.http.get('/macros').query({ retired: 'true' }).set(t.as(nadia)).expect(200)).body.items;
    expect(listed).toEqual([expect.objectContaining({ name: 'Outage acknowledged', retired: true, content: expect.objectContaining({ changes: expect.objectContaining({ priority: 'high', addTags: ['outage'] }) }) })]);
  });
});
