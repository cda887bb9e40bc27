import { join } from 'node:path';
import { Page } from 'playwright-core';
import { admin, customer, newTicket, supervisor, TestApp, TestUser } from '../support/test-app';
import { accessibilityProblems } from '../support/accessibility';
import { ARTIFACTS, BROWSER_TEST_TIMEOUT_MS, browserAvailable, launchUiBrowser, UiBrowser, UiScreen } from '../support/browser';

/**
 * The knowledge base in headless chromium: a visitor asks a question on the help page, opens the
 * suggested article and does not file (the deflection shows in /metrics/knowledge), in English
 * and in Urdu (right to left); an agent sends an article from the ticket page's sidebar in a
 * public reply, and the customer's ticket shows the reply with the article's link.
 */
const PASSWORD = 'a knowledge base test password';
const zara: TestUser = { id: 'agent-zara', role: 'agent', email: 'zara@helpdesk.test', password: PASSWORD };

const suite = browserAvailable() ? describe : describe.skip;
jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

async function publish(t: TestApp, id: string, article: Record<string, unknown>) {
  await t.http.post('/kb/articles').set(t.as(zara)).send({ articleId: id, ...article }).expect(201);
  return (await t.http.post(`/kb/articles/${id}/publish`).set(t.as(supervisor)).send({}).expect(200)).body.position as string;
}

suite('knowledge base in headless chromium', () => {
  let browser: UiBrowser;
  let ui: UiScreen;
  let t: TestApp;
  let page: Page;

  beforeAll(async () => (browser = await launchUiBrowser()), BROWSER_TEST_TIMEOUT_MS);
  afterAll(async () => browser?.close());
  beforeEach(async () => {
    ui = await browser.screen([zara]);
    ({ t, page } = ui);
  }, BROWSER_TEST_TIMEOUT_MS);
  afterEach(async () => ui?.close(), BROWSER_TEST_TIMEOUT_MS);

  it('a customer asks, opens the suggested article, does not file; the deflection shows in the metrics', async () => {
    await publish(t, 'vpn', { language: 'en', title: 'Connecting to the VPN', body: 'Install the **client** and sign in with your badge number.' });
    const position = await publish(t, 'internal-vpn', { language: 'en', title: 'VPN outages: who to call', body: 'Call the network team.', audience: 'internal' });
    await t.http.get('/kb/search').query({ q: 'vpn', consistentWith: position }).expect(200);

    await page.goto(`${ui.url}/#/help`);
    await page.getByRole('heading', { level: 1, name: 'Help' }).waitFor();
    await page.getByLabel('Ask a question').fill('I cannot connect to the VPN from home');
    const suggestion = page.locator('.kb-suggestions a[data-article="vpn"]');
    await suggestion.waitFor();
    expect(await suggestion.locator('mark').allTextContents()).toEqual(['Connecting', 'VPN']); // "connect" as a prefix
    expect(await page.locator('.kb-suggestions a[data-article="internal-vpn"]').count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'kb-help-suggestions.png'), fullPage: true });

    await suggestion.click();
    await page.getByRole('heading', { level: 1, name: 'Connecting to the VPN' }).waitFor();
    expect(await page.locator('.kb-body strong').textContent()).toBe('client');
    await page.getByRole('button', { name: 'Yes, I do not need to file a ticket' }).click();
    await page.getByText('Glad it helped. No ticket was filed.').waitFor();

    // Measured from the events: one session with suggestions, deflected, nothing filed.
    let metrics: { deflection: Record<string, unknown>; mostViewed: Array<{ articleId: string }> } | undefined;
    for (let i = 0; i < 200; i++) {
      metrics = (await t.http.get('/metrics/knowledge').set(t.as(admin)).expect(200)).body;
      if (metrics!.deflection.deflected === 1 && metrics!.mostViewed.length === 1) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(metrics!.deflection).toEqual({ sessionsWithSuggestions: 1, deflected: 1, filedAnyway: 0, rate: 1 });
    expect(metrics!.mostViewed.map((a) => a.articleId)).toEqual(['vpn']);
    expect((await t.http.get('/tickets').set(t.as(customer)).expect(200)).body.total).toBe(0);
    expect(ui.consoleErrors()).toEqual([]);
  });

  it('in Urdu: right to left, and a question without diacritics finds the article written with them', async () => {
    await publish(t, 'kitab', { language: 'ur', title: 'کِتاب کی واپسی', body: 'کِتاب واپس کرنے کا طریقہ: کاؤنٹر پر رسید دکھائیں۔' });
    await page.goto(`${ui.url}/#/help`);
    await page.getByRole('heading', { level: 1, name: 'Help' }).waitFor();
    await page.getByLabel('Language').selectOption('ur');
    await page.getByRole('heading', { level: 1, name: 'مدد' }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ur', 'rtl']);
    await page.getByLabel('سوال پوچھیں').fill('میری کتاب واپس کیسے کروں');
    await page.locator('.kb-suggestions a[data-article="kitab"] mark', { hasText: 'کِتاب' }).waitFor();
    await page.locator('.kb-suggestions a[data-article="kitab"]').click();
    await page.getByRole('heading', { level: 1, name: 'کِتاب کی واپسی' }).waitFor();
    expect(await page.locator('article.kb-article').getAttribute('dir')).toBe('rtl');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'kb-article-ur.png'), fullPage: true });
  });

  it('an agent sends an article from the ticket page in a public reply; the customer sees the link', async () => {
    await publish(t, 'vpn', { language: 'en', title: 'Connecting to the VPN', body: 'Install the client.' });
    const ticket = (await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ subject: 'VPN will not connect', description: 'The VPN client says connection refused.' })).expect(201)).body;
    await t.http.post(`/tickets/${ticket.id}/assign`).set(t.as(supervisor)).send({ agentId: zara.id }).expect(200);

    await page.goto(`${ui.url}/#/tickets/${ticket.id}`);
    await ui.signIn(zara, PASSWORD);
    await page.getByRole('heading', { level: 1, name: `${ticket.number}: VPN will not connect` }).waitFor();
    const sidebar = page.locator('.kb-sidebar');
    await sidebar.locator('a[data-article="vpn"]').waitFor();
    await sidebar.getByRole('button', { name: 'Send in a reply' }).click();
    await sidebar.getByText('Sent to the customer in a reply.').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'kb-ticket-sidebar.png'), fullPage: true });

    let comments: Array<{ body: string; visibility: string }> = [];
    for (let i = 0; i < 200 && comments.length === 0; i++) {
      comments = (await t.http.get(`/tickets/${ticket.id}`).set(t.as(customer)).expect(200)).body.comments;
      if (comments.length === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(comments).toEqual([expect.objectContaining({ visibility: 'public', body: expect.stringContaining(`${ui.url}/#/kb/vpn`) })]);
    expect(comments[0].body).toContain('Connecting to the VPN');
    const linked = (await t.http.get(`/tickets/${ticket.id}/articles`).set(t.as(customer)).expect(200)).body.items;
    expect(linked.map((a: { articleId: string }) => a.articleId)).toEqual(['vpn']);

    // The link in the reply opens the article for the customer, without signing in.
    await page.goto(`${ui.url}/#/kb/vpn`);
    await page.getByRole('heading', { level: 1, name: 'Connecting to the VPN' }).waitFor();
  });
});
