import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Page, Request } from 'playwright-core';
import { createApp } from '../../apps/api/src/create-app';
import { admin, agent, customer, newTicket, otherCustomer, TestApp, TestUser } from '../support/test-app';
import { accessibilityProblems } from '../support/accessibility';
import { ARTIFACTS, BROWSER_TEST_TIMEOUT_MS, browserAvailable, launchUiBrowser, UI_DIR, UiBrowser, UiScreen } from '../support/browser';
import { mongoEnv } from '../support/mongo-env';

/**
 * Live push in a real headless chromium against the real app: a ticket submitted through the API
 * appears in an open queue with no poll request made (the page's requests are counted), the tab
 * keeps one event stream for every screen, the stream resumes after the server restarts on the
 * same data and port, and a customer's stream never carries another customer's ticket. English
 * and Urdu, axe-core clean, screenshots in test/artifacts/.
 */
const PASSWORD = 'a live push test password';
const zara: TestUser = { id: 'agent-zara', role: 'agent', email: 'zara@helpdesk.test', password: PASSWORD };
/** A customer who signs in to the portal (the cast's customers have no password). */
const hina: TestUser = { id: 'cust-hina', role: 'customer', email: 'hina@example.pk', password: PASSWORD };

/** Every message the page's EventSources receive, recorded in the page (Playwright cannot read an event stream). */
declare global {
  interface Window {
    __live: { opened: number; messages: Array<{ event: string; id: string; data: string }> };
  }
}
const recordEventSources = () => {
  const Native = window.EventSource;
  const log: Window['__live'] = (window.__live = { opened: 0, messages: [] });
  window.EventSource = class extends Native {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(url, init);
      log.opened++;
      for (const event of ['ticket', 'rules', 'agents', 'users', 'macros', 'ready', 'reset', 'position', 'end']) {
        this.addEventListener(event, (e) => log.messages.push({ event, id: (e as MessageEvent).lastEventId, data: String((e as MessageEvent).data) }));
      }
    }
  };
};

const suite = browserAvailable() ? describe : describe.skip;
jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

suite('live push in headless chromium', () => {
  let browser: UiBrowser;
  let ui: UiScreen;
  let t: TestApp;
  let page: Page;
  /** Every request the page made, in order. */
  let requests: Request[];

  beforeAll(async () => (browser = await launchUiBrowser()), BROWSER_TEST_TIMEOUT_MS);
  afterAll(async () => browser?.close());

  beforeEach(async () => {
    ui = await browser.screen([zara, hina]);
    ({ t, page } = ui);
    await ui.rosterAgent(zara.id, 'Zara Ahmed', { email: zara.email, skills: ['incident'], languages: ['en', 'ur'], maxOpenTickets: 10 });
    await page.addInitScript(recordEventSources);
    requests = [];
    page.on('request', (r) => r.url().startsWith(ui.url) && requests.push(r));
  }, BROWSER_TEST_TIMEOUT_MS);

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const submit = async (who: TestUser, overrides: Record<string, unknown> = {}) =>
    (await t.http.post('/tickets').set(t.as(who)).send(newTicket({ customer: { name: `Customer ${who.id}`, email: who.email, timezone: 'Asia/Karachi', language: 'ur' }, ...overrides })).expect(201)).body as { id: string; number: string; position: string };
  /** The API requests the page made after the first `from`, as "METHOD /path". */
  const apiCalls = (from: number) => requests.slice(from).map((r) => `${r.method()} ${new URL(r.url()).pathname}`).filter((c) => !c.startsWith('GET /assets/'));
  /** The queue's reads among them: what a poll would make every 2.5 s. */
  const queueReads = (from: number) => apiCalls(from).filter((c) => c.startsWith('GET /queue')).sort();
  const live = (state: string) => page.locator(`.live[data-live="${state}"]`).waitFor();
  /** All open tickets, with the stream live and the view's first read answered. */
  const allOpen = async (label: RegExp) => {
    const read = page.waitForResponse((r) => r.url().includes('/queue?') && r.url().includes('view=all'));
    const counted = page.waitForResponse((r) => r.url().includes('/queue/counts') && r.url().includes('view=all'));
    await page.getByRole('button', { name: label }).click();
    await Promise.all([read, counted]);
    await live('live');
  };
  /** Submits and waits for the row: the delay is printed, never asserted (a busy machine is slower, not wrong). */
  const appears = async (label: string, submitter: TestUser) => {
    const started = Date.now();
    const ticket = await submit(submitter);
    await page.locator(`tr[data-ticket="${ticket.number}"]`).waitFor();
    console.log(`live push: ${label}: row shown ${Date.now() - started} ms after the submission was sent`);
    return ticket;
  };

  describe('as an agent', () => {
    afterEach(async () => {
      const errors = ui.consoleErrors();
      await ui.close();
      expect(errors).toEqual([]);
    }, BROWSER_TEST_TIMEOUT_MS);

    it('shows a submitted ticket in the open queue with no poll request made, in English and in Urdu, over one stream per tab', async () => {
      await ui.signIn(zara, PASSWORD);
      await page.getByRole('heading', { name: 'Queue' }).waitFor();
      await allOpen(/^All open/);
      await page.getByText('No open tickets match').waitFor();

      const idle = requests.length;
      const first = await appears('English', customer);
      // The page read the queue once, because it was told: no poll went out.
      await page.getByRole('button', { name: 'All open (1)' }).waitFor();
      expect(queueReads(idle)).toEqual(['GET /queue', 'GET /queue/counts']);
      await shot('queue-live-en');
      expect(await accessibilityProblems(page)).toEqual([]);

      // To the ticket and back: the same stream serves every screen of the tab.
      await page.getByRole('link', { name: first.number }).click();
      await page.getByRole('heading', { level: 1, name: new RegExp(first.number) }).waitFor();
      await t.http.post(`/tickets/${first.id}/comments`).set(t.as(admin)).send({ body: 'A reply pushed to the page', visibility: 'public' }).expect(200);
      await page.locator('li[data-type="CommentAdded"]').waitFor();
      await page.getByRole('link', { name: 'Back to queue' }).click();

      await page.getByRole('combobox', { name: /^Language/ }).selectOption('ur');
      await page.waitForFunction(() => document.documentElement.dir === 'rtl');
      await page.getByRole('heading', { name: 'قطار' }).waitFor();
      await allOpen(/^تمام کھلے/);
      await page.locator(`tr[data-ticket="${first.number}"]`).waitFor();
      const quiet = requests.length;
      await appears('Urdu', customer);
      expect(queueReads(quiet)).toEqual(['GET /queue', 'GET /queue/counts']);
      await shot('queue-live-ur');
      expect(await accessibilityProblems(page)).toEqual([]);

      expect(await page.evaluate(() => window.__live.opened)).toBe(1);
      expect(apiCalls(0).filter((c) => c === 'GET /live')).toEqual(['GET /live']);
    });
  });

  describe('across a server restart', () => {
    let restarted: INestApplication | undefined;
    afterEach(async () => {
      // While the server was away the page's reads and reconnects failed: by design, and only then.
      const errors = ui.consoleErrors().filter((e) => !/ERR_CONNECTION_REFUSED|ERR_EMPTY_RESPONSE|ERR_CONNECTION_RESET|status of 503/.test(e));
      await restarted?.close();
      restarted = undefined;
      await ui.close();
      expect(errors).toEqual([]);
    }, BROWSER_TEST_TIMEOUT_MS);

    it('polls while the stream is down, then resumes on the restarted server and shows what is submitted after', async () => {
      await ui.signIn(zara, PASSWORD);
      await page.getByRole('heading', { name: 'Queue' }).waitFor();
      await allOpen(/^All open/);
      const before = await appears('before the restart', customer);

      // The Urdu font comes from the app too: loaded now, for the Urdu screen while it is away.
      await page.getByRole('combobox', { name: /^Language/ }).selectOption('ur');
      await page.evaluate(async () => void (await document.fonts.load('20px "Noto Nastaliq Urdu"', 'اردو ہ')));
      await page.getByRole('combobox', { name: /^زبان/ }).selectOption('en');
      await page.waitForFunction(() => document.documentElement.dir === 'ltr');

      const port = new URL(t.url).port;
      await t.stop();
      await live('down');
      // Down: the page polls meanwhile (its reads fail until the server is back).
      await page.waitForRequest((r) => new URL(r.url()).pathname === '/queue');
      await page.locator('.live-paused').waitFor();
      await shot('queue-live-paused-en');
      expect(await accessibilityProblems(page)).toEqual([]);
      await page.getByRole('combobox', { name: /^Language/ }).selectOption('ur');
      await page.waitForFunction(() => document.documentElement.dir === 'rtl');
      await page.locator('.live-paused', { hasText: 'براہِ راست اپ ڈیٹس رکی ہوئی ہیں' }).waitFor();
      await shot('queue-live-paused-ur');
      expect(await accessibilityProblems(page)).toEqual([]);
      await page.getByRole('combobox', { name: /^زبان/ }).selectOption('en');
      await page.waitForFunction(() => document.documentElement.dir === 'ltr');

      // The same data and port, as a process manager would restart it.
      restarted = await createApp({
        env: { DATA_DIR: t.dataDir, RATE_LIMIT: '1000000', CONSISTENCY_WAIT_MS: '30000', RUN_ROUTING: 'false', UI_DIR, LOG_LEVEL: 'silent', ...mongoEnv(t.dataDir) },
        clock: t.clock,
        logger: false,
      });
      await restarted.listen(Number(port), '127.0.0.1');
      await live('live');
      expect(await page.locator('.live-paused').count()).toBe(0);
      const resumedAfter = await page.evaluate(() => window.__live.messages.filter((m) => m.event === 'ready').length);
      expect(resumedAfter).toBe(2);

      const idle = requests.length;
      const after = await appears('after the restart', customer);
      expect(queueReads(idle)).toEqual(['GET /queue', 'GET /queue/counts']);
      await page.locator(`tr[data-ticket="${before.number}"]`).waitFor();
      // The second stream resumed where the first left off: its last id, sent back.
      const streams = requests.filter((r) => new URL(r.url()).pathname === '/live').map((r) => new URL(r.url()).searchParams);
      expect(streams.at(-1)!.get('lastEventId')).toMatch(/^\d+$/);
      expect(BigInt(streams.at(-1)!.get('lastEventId')!)).toBeGreaterThanOrEqual(BigInt(before.position));
      expect(after.number).not.toBe(before.number);
    });
  });

  describe('as a customer', () => {
    afterEach(async () => {
      const errors = ui.consoleErrors();
      await ui.close();
      expect(errors).toEqual([]);
    }, BROWSER_TEST_TIMEOUT_MS);

    it('hears of their own requests only: never another customer’s ticket, never an internal note', async () => {
      const mine = await submit(hina, { subject: 'My first request' });
      await ui.signIn(hina, PASSWORD);
      await page.getByRole('heading', { name: 'My requests' }).waitFor();
      await page.getByRole('link', { name: mine.number }).waitFor();
      await page.waitForFunction(() => window.__live.messages.some((m) => m.event === 'ready'));

      const theirs = await submit(otherCustomer, { subject: 'Someone else’s request' });
      const note = (await t.http.post(`/tickets/${mine.id}/comments`).set(t.as(agent('agent-ali'))).send({ body: 'internal only', visibility: 'internal' }).expect(200)).body as { position: string };
      const reply = (await t.http.post(`/tickets/${mine.id}/comments`).set(t.as(agent('agent-ali'))).send({ body: 'We are looking into it.', visibility: 'public' }).expect(200)).body as { position: string };
      const second = await submit(hina, { subject: 'My second request' });
      await page.getByRole('link', { name: second.number }).waitFor();
      await page.waitForFunction((id) => window.__live.messages.some((m) => m.id === id), reply.position);
      await page.waitForFunction((id) => window.__live.messages.some((m) => m.id === id), second.position);

      const heard = await page.evaluate(() => window.__live.messages);
      const told = heard.filter((m) => m.event === 'ticket').map((m) => JSON.parse(m.data) as { ticketId: string; number: string; type: string });
      expect(told.map((m) => [m.number, m.type])).toEqual([
        [mine.number, 'CommentAdded'],
        [second.number, 'TicketSubmitted'],
      ]);
      expect(JSON.stringify(heard)).not.toContain(theirs.id);
      expect(JSON.stringify(heard)).not.toContain(theirs.number);
      expect(heard.some((m) => m.id === note.position)).toBe(false);
      await shot('portal-live-en');
      expect(await accessibilityProblems(page)).toEqual([]);

      await page.getByRole('combobox', { name: /^Language/ }).selectOption('ur');
      await page.waitForFunction(() => document.documentElement.dir === 'rtl');
      const third = await submit(hina, { subject: 'تیسری درخواست' });
      await page.getByRole('link', { name: third.number }).waitFor();
      await shot('portal-live-ur');
      expect(await accessibilityProblems(page)).toEqual([]);
      expect(await page.evaluate(() => window.__live.opened)).toBe(1);
    });
  });
});
