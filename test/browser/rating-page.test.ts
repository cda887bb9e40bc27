import { Browser, chromium, Page } from 'playwright-core';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { ManualClock } from '@helpdesk/shared';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { accessibilityProblems } from '../support/accessibility';
import { ARTIFACTS, BROWSER_TEST_TIMEOUT_MS, browserAvailable, CHROMIUM, ensureUiBuilt, STEP_TIMEOUT_MS } from '../support/browser';
import { startTestRelay, TestRelay } from '../support/test-relay';
import { agent, customer, newTicket, startTestApp, supervisor, TestApp } from '../support/test-app';
import { waitUntil } from '../support/wait';

/**
 * The public rating page, opened from the link in the resolution mail the real SMTP relay
 * received: the score from the link is pre-selected, opening it records nothing, and pressing
 * the button records the rating, which the ticket then shows. In English, and in Urdu (right to
 * left) by keyboard alone. The links point at PUBLIC_URL; the test app listens on a port chosen
 * at start, so the browser opens the captured link's path and hash on the app's address.
 */
const PUBLIC_URL = 'http://helpdesk.example.pk';
const suite = browserAvailable() ? describe : describe.skip;
jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

suite('rating page in headless chromium', () => {
  let browser: Browser;
  let relay: TestRelay;
  let t: TestApp;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ensureUiBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-sync'] });
  }, BROWSER_TEST_TIMEOUT_MS);
  afterAll(async () => browser?.close());

  beforeEach(async () => {
    relay = await startTestRelay();
    t = await startTestApp({
      clock: new ManualClock(new Date().toISOString()),
      env: { RUN_ROUTING: 'false', UI_DIR: ensureUiBuilt(), SMTP_RELAY_URL: relay.url, PUBLIC_URL, SATISFACTION_LOW_SCORE_ACTION: 'none' },
    });
    const context = await browser.newContext({ viewport: { width: 390, height: 800 }, locale: 'en-GB' });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    page = await context.newPage();
    errors = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
  }, BROWSER_TEST_TIMEOUT_MS);

  afterEach(async () => {
    await page?.context().close().catch(() => undefined);
    await t?.destroy();
    await relay?.close();
    expect(errors).toEqual([]);
  }, BROWSER_TEST_TIMEOUT_MS);

  /** A ticket of the customer's resolved through the API; the links of the resolution mail the relay got. */
  async function resolvedAndMailed(language: 'en' | 'ur') {
    const { body } = await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ customer: { name: 'Ayesha Khan', email: customer.email, timezone: 'Asia/Karachi', language } })).expect(201);
    await t.http.post(`/tickets/${body.id}/assign`).set(t.as(supervisor)).send({ agentId: 'agent-ali' }).expect(200);
    await t.http.post(`/tickets/${body.id}/start`).set(t.as(agent())).send({}).expect(200);
    await t.http.post(`/tickets/${body.id}/resolve`).set(t.as(agent())).send({ resolution: 'Password reset' }).expect(200);
    await relay.waitFor(() => relay.messages.some((m) => m.parsed.subject?.includes(body.number) && /#\/rate\//.test(m.parsed.text ?? '')), 'the resolution mail with its rating links', 60_000);
    const mail = relay.messages.find((m) => /#\/rate\//.test(m.parsed.text ?? ''))!;
    const links = [...(mail.parsed.text ?? '').matchAll(/(https?:\/\/\S+\/#\/rate\/[A-Za-z0-9._-]+\?score=[1-5])/g)].map((m) => m[1]);
    const htmlLinks = [...String(mail.parsed.html).matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
    return { id: body.id as string, number: body.number as string, links, htmlLinks };
  }
  const onApp = (link: string) => `${t.url.replace('[::1]', '127.0.0.1')}${link.slice(PUBLIC_URL.length)}`;
  const eventTypes = async (id: string) => (await t.app.get<EventStore>(EVENT_STORE).readStream(`ticket-${id}`)).map((e) => e.type);
  const satisfaction = async (id: string) => (await t.http.get(`/tickets/${id}`).set(t.as(supervisor)).expect(200)).body.satisfaction;

  it('opens the mailed link with its score chosen, records nothing until the customer sends it, then records it once', async () => {
    const ticket = await resolvedAndMailed('en');
    expect(ticket.links.map((l) => l.slice(-7))).toEqual(['score=1', 'score=2', 'score=3', 'score=4', 'score=5']);
    expect(ticket.links.every((l) => l.startsWith(`${PUBLIC_URL}/#/rate/`))).toBe(true);
    expect(ticket.htmlLinks).toEqual(ticket.links);
    const before = await eventTypes(ticket.id);

    await page.goto(onApp(ticket.links[3]));
    await page.getByRole('heading', { name: 'Rate our help' }).waitFor();
    await page.getByText(ticket.number, { exact: false }).waitFor();
    expect(await page.getByRole('radio', { name: '4 – Happy' }).isChecked()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    // Opening the link (a mail scanner does the same) changed nothing.
    expect(await eventTypes(ticket.id)).toEqual(before);
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByRole('radio', { name: '5 – Very happy' }).check();
    await page.getByLabel('Comment (optional)').fill('Fixed within the hour, thank you');
    await page.getByRole('button', { name: 'Send my rating' }).click();
    await page.getByText('Thank you. Your rating of 5 out of 5 is recorded.').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'rating-page-en.png'), fullPage: true });

    expect((await eventTypes(ticket.id)).slice(before.length)).toEqual(['SatisfactionRated']);
    const shown = await waitUntil('the rating in the ticket view', async () => {
      const s = await satisfaction(ticket.id);
      return s?.score === 5 ? s : null;
    });
    expect(shown).toMatchObject({ offered: true, score: 5, comment: 'Fixed within the hour, thank you', final: false });
  });

  it('works in Urdu, right to left, by keyboard alone', async () => {
    const ticket = await resolvedAndMailed('ur');
    await page.goto(onApp(ticket.links[1]));
    await page.getByRole('heading', { name: 'ہماری مدد کی درجہ بندی کریں' }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ur', 'rtl']);
    const two = page.getByRole('radio', { name: '2 – ناخوش' });
    expect(await two.isChecked()).toBe(true);

    // Keyboard: into the radio group, one step on (arrow keys move the choice), to the comment, send with Enter.
    await two.focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio', { name: '3 – درمیانہ' }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.type('ٹھیک ہے');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('شکریہ۔ آپ کی درجہ بندی، 5 میں سے 3، محفوظ ہو گئی ہے۔').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'rating-page-ur.png'), fullPage: true });

    const shown = await waitUntil('the rating in the ticket view', async () => {
      const s = await satisfaction(ticket.id);
      return s?.score === 3 ? s : null;
    });
    expect(shown).toMatchObject({ score: 3, comment: 'ٹھیک ہے' });
  });
});
