import { join } from 'node:path';
import { Page, Request } from 'playwright-core';
import { SlaWatchService } from '../../apps/api/src/sla/sla-watch.service';
import { admin, customer, newTicket, TestApp, TestUser } from '../support/test-app';
import { accessibilityProblems as axeProblems } from '../support/accessibility';
import { ARTIFACTS, BROWSER_TEST_TIMEOUT_MS, browserAvailable, launchUiBrowser, UiBrowser, UiScreen } from '../support/browser';

/**
 * The agent UI in a real headless chromium against the real HTTP app: sign in by keyboard, a
 * ticket submitted through the API appears in the queue without a reload, the agent works it to
 * resolved, and the same screens read right to left in Urdu and on a phone. Every test has its
 * own app and its own browser context, and makes the tickets it needs, so none depends on what
 * another left behind. Screenshots are kept in test/artifacts/.
 */
const PASSWORD = 'a browser test password';
const zara: TestUser = { id: 'agent-zara', role: 'agent', email: 'zara@helpdesk.test', password: PASSWORD };
const VISA = { subject: 'Visa portal rejects my password', customer: { name: 'Ayesha Khan', email: 'ayesha@example.pk', phone: '+92 300 1234567', timezone: 'Asia/Karachi', language: 'ur' } };
const PAYMENTS = { subject: 'Payments down for every customer', category: 'emergency', customer: { name: 'Bilal Raza', email: 'ayesha@example.pk', timezone: 'Asia/Dubai', language: 'en' } };

const suite = browserAvailable() ? describe : describe.skip;
jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

suite('agent UI in headless chromium', () => {
  let browser: UiBrowser;
  let ui: UiScreen;
  let t: TestApp;
  let page: Page;

  beforeAll(async () => (browser = await launchUiBrowser()), BROWSER_TEST_TIMEOUT_MS);
  afterAll(async () => browser?.close());

  beforeEach(async () => {
    ui = await browser.screen([zara]);
    ({ t, page } = ui);
    await ui.rosterAgent(zara.id, 'Zara Ahmed', { email: zara.email, skills: ['incident', 'emergency'], languages: ['en', 'ur'], maxOpenTickets: 10 });
  }, BROWSER_TEST_TIMEOUT_MS);

  // No errors in the browser (CSP violations included) on any screen. The one expected kind: in
  // the breach test, after the server's clock jumped three days, the token the browser still held
  // was refused (401) once, and the UI renewed it.
  afterEach(async () => {
    const errors = ui.consoleErrors();
    await ui.close();
    expect(errors.filter((e) => !/status of 401 \(Unauthorized\)/.test(e))).toEqual([]);
  }, BROWSER_TEST_TIMEOUT_MS);

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const text = (selector: string) => page.locator(selector).innerText();
  const submit = async (overrides: Record<string, unknown>) =>
    (await t.http.post('/tickets').set(t.as(customer)).send(newTicket(overrides)).expect(201)).body as { id: string; number: string; position: string };
  /** Waits until the read side has the ticket, so a page opened on it right away finds it (no 404 in the console). */
  const projected = async (ticket: { id: string; position: string }) => void (await t.http.get(`/tickets/${ticket.id}`).query({ consistentWith: ticket.position }).set(t.as(zara)).expect(200));
  /** A ticket zara took, worked and resolved through the API, with a public reply on its timeline. */
  const resolvedByZara = async () => {
    const ticket = await submit(VISA);
    for (const [command, body] of [
      ['assign', { agentId: zara.id }],
      ['acknowledge', {}],
      ['start', {}],
      ['comments', { body: 'We reset your portal password; please sign in again.', visibility: 'public' }],
      ['resolve', { resolution: 'Password reset; customer can sign in.' }],
    ] as const) {
      await t.http.post(`/tickets/${ticket.id}/${command}`).set(t.as(zara)).send(body).expect(200);
    }
    return ticket;
  };
  const signIn = () => ui.signIn(zara, PASSWORD).then(() => page.getByRole('heading', { name: 'Queue' }).waitFor());

  const accessibilityProblems = () => axeProblems(page);

  it('signs in by keyboard alone, in a sensible focus order', async () => {
    await page.goto(ui.url);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en', 'ltr']);
    expect(await accessibilityProblems()).toEqual([]);

    // A wrong password is named, and the form stays usable.
    await page.getByLabel('Email').fill(zara.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'The email or the password is wrong.' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    const focused: string[] = [];
    for (let i = 0; i < 8 && !focused.includes('input:email'); i++) {
      await page.keyboard.press('Tab');
      focused.push(await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        return el instanceof HTMLInputElement ? `input:${el.name}` : `${el.tagName.toLowerCase()}:${el.textContent?.trim().slice(0, 20) ?? ''}`;
      }));
    }
    expect(focused[0]).toBe('a:Skip to content');
    expect(focused).toContain('select:Englishاردو');
    await page.keyboard.type(zara.email);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('password');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: 'Queue' }).waitFor();
    await page.getByText('Times shown in Asia/Karachi').waitFor(); // the agent's roster zone, not the browser's (London)
  });

  it('shows a newly submitted ticket in the queue without a reload, with its SLA time left and the filter counts', async () => {
    await signIn();
    await page.getByRole('button', { name: /^Unassigned/ }).click();
    await page.getByText('No open tickets match').waitFor();
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

    const ticket = await submit(VISA);
    const row = page.locator(`tr[data-ticket="${ticket.number}"]`);
    await row.waitFor();
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);

    const cells = await row.locator('th, td').allInnerTexts();
    expect(cells[0]).toBe(ticket.number);
    expect(cells[1]).toBe('Visa portal rejects my password');
    expect(cells[2]).toBe('Ayesha Khan');
    expect(cells[3]).toMatch(/Medium|High|Low/);
    expect(cells[4]).toBe('New');
    expect(cells[6]).toMatch(/^first response: (\d+ h )?\d+ min left/);
    await page.getByRole('button', { name: 'Unassigned (1)' }).waitFor();
    await page.locator('select[name="language"] option[value="ur"]', { hasText: 'Urdu (1)' }).waitFor({ state: 'attached' });
    await page.getByText('1 open ticket', { exact: true }).waitFor();

    // An emergency jumps the queue, and filters narrow it.
    const emergency = await submit(PAYMENTS);
    await page.locator(`tr[data-ticket="${emergency.number}"]`).waitFor();
    expect(await page.locator('tbody tr').first().getAttribute('data-ticket')).toBe(emergency.number);
    await page.getByLabel('Customer language').selectOption('ur');
    await page.getByText('1 open ticket', { exact: true }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(1);
    await shot('queue-en');
    expect(await accessibilityProblems()).toEqual([]);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByText('2 open tickets', { exact: true }).waitFor();
  });

  it('says when the server stopped counting: "more than" in the caption, "+" on the tabs and filters', async () => {
    await ui.close();
    ui = await browser.screen([zara], { QUERY_TOTAL_CAP: '2', QUERY_COUNT_CAP: '2' });
    ({ t, page } = ui);
    await ui.rosterAgent(zara.id, 'Zara Ahmed', { email: zara.email, skills: ['incident', 'emergency'], languages: ['en', 'ur'], maxOpenTickets: 10 });
    for (let i = 0; i < 2; i++) await submit(VISA);
    await projected(await submit(VISA));
    await signIn();
    await page.getByRole('button', { name: 'All open (2+)' }).click();
    await page.getByText('More than 2 open tickets', { exact: true }).waitFor();
    await page.locator('select[name="language"] option[value="ur"]', { hasText: 'Urdu (2+)' }).waitFor({ state: 'attached' });
    await page.locator('select[name="language"] option[value="en"]', { hasText: 'English (0)' }).waitFor({ state: 'attached' });
    expect(await page.locator('tbody tr').count()).toBe(3);
  });

  it('works the ticket from the ticket page: take, acknowledge, start, reply, note, resolve; every read follows its write', async () => {
    const ticket = await submit(VISA);
    await signIn();
    const requests: Request[] = [];
    page.on('request', (r) => r.url().includes(`/tickets/${ticket.id}`) && requests.push(r));

    await page.getByRole('button', { name: /^Unassigned/ }).click();
    await page.getByRole('link', { name: ticket.number }).click();
    await page.getByRole('heading', { level: 1, name: `${ticket.number}: Visa portal rejects my password` }).waitFor();
    // The new screen has the focus and names itself in the window title.
    expect(await page.evaluate(() => [document.activeElement?.id, document.title])).toEqual(['main', `${ticket.number} · Helpdesk`]);
    expect(await text('[data-field="customer-time"]')).toMatch(/\(Asia\/Karachi\)$/);
    await page.getByText('E401: invalid credentials').waitFor();
    await page.getByText('Cannot file visa applications').waitFor();
    await page.locator('li[data-type="TicketSubmitted"]', { hasText: 'submitted the ticket by web form' }).waitFor();

    // Every status the page ever shows, to prove it never flickers back to a stale one.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { statuses: string[] }).statuses = seen;
      const record = () => {
        const now = document.querySelector('[data-field="status"]')?.textContent ?? '';
        if (now && seen[seen.length - 1] !== now) seen.push(now);
      };
      record();
      new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true });
    });

    await page.getByRole('button', { name: 'Take it' }).click();
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await page.locator('[data-field="assignee"]', { hasText: 'Zara Ahmed · acknowledged' }).waitFor(); // her roster name, not her id
    await page.getByRole('button', { name: 'Start work' }).click();
    await page.locator('[data-field="status"]', { hasText: 'In progress' }).waitFor();

    await page.getByLabel('Reply to the customer').fill('We reset your portal password; please sign in again.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.locator('li[data-type="CommentAdded"]', { hasText: 'We reset your portal password' }).waitFor();
    await page.getByLabel('Internal note (agents only)').fill('Password store was locked by the nightly job.');
    await page.getByRole('button', { name: 'Add internal note' }).click();
    await page.locator('li.internal', { hasText: 'added an internal note' }).waitFor();

    await page.getByLabel('Resolution').fill('Password reset; customer can sign in.');
    await page.getByRole('button', { name: 'Resolve' }).click();
    await page.locator('[data-field="status"]', { hasText: 'Resolved' }).waitFor();
    await page.getByRole('button', { name: 'Reopen' }).waitFor();

    expect(await page.evaluate(() => (window as unknown as { statuses: string[] }).statuses)).toEqual(['New', 'Assigned', 'In progress', 'Resolved']);
    // Read-your-writes: the read right after each command asks for that command's position.
    const posts = requests.filter((r) => r.method() === 'POST');
    expect(posts.map((p) => p.url().split('/').pop())).toEqual(['assign', 'acknowledge', 'start', 'comments', 'comments', 'resolve']);
    for (const post of posts) {
      const position = BigInt((await (await post.response())!.json()).position);
      const next = requests.slice(requests.indexOf(post) + 1).find((r) => r.method() === 'GET' && !r.url().includes('/events'));
      expect(BigInt(new URL(next!.url()).searchParams.get('consistentWith') ?? '0')).toBeGreaterThanOrEqual(position);
    }

    // The event store holds what the agent did, as the agent.
    const events = (await t.http.get(`/tickets/${ticket.id}/events`).set(t.as(admin)).expect(200)).body as Array<{ type: string; metadata: { actor: { id: string } } }>;
    const byZara = events.filter((e) => e.metadata.actor?.id === zara.id).map((e) => e.type);
    expect(byZara).toEqual(['TicketAssigned', 'AssignmentAcknowledged', 'WorkStarted', 'CommentAdded', 'CommentAdded', 'TicketResolved', 'SatisfactionOffered']);

    await shot('ticket-en');
    expect(await accessibilityProblems()).toEqual([]);
  });

  it('tags the ticket from its page and removes a tag, in English and in Urdu', async () => {
    const ticket = await submit(VISA);
    await projected(ticket);
    await signIn();
    await page.evaluate((id) => (location.hash = `#/tickets/${id}`), ticket.id);
    await page.getByRole('heading', { level: 1, name: `${ticket.number}: ${VISA.subject}` }).waitFor();
    await page.getByText('No tags yet.').waitFor();

    await page.getByLabel('New tags (separate with commas)').fill('VIP Customer, refund');
    await page.getByRole('button', { name: 'Add tags' }).click();
    await page.getByRole('button', { name: 'Remove tag refund' }).waitFor();
    expect(await page.locator('[data-field="tags"] .tag').allInnerTexts()).toEqual(['vip-customer', 'refund']);
    await page.locator('li[data-type="TicketTagsChanged"]', { hasText: 'tagged the ticket vip-customer, refund' }).waitFor();
    await shot('ticket-tags-en');
    expect(await accessibilityProblems()).toEqual([]);

    await page.getByRole('button', { name: 'Remove tag refund' }).click();
    await page.locator('li[data-type="TicketTagsChanged"]', { hasText: 'removed the tags refund' }).waitFor();
    expect(await page.locator('[data-field="tags"] .tag').allInnerTexts()).toEqual(['vip-customer']);

    await page.getByLabel('Language').selectOption('ur');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.getByRole('heading', { name: 'ٹیگ', exact: true }).waitFor();
    await page.getByLabel('نئے ٹیگ (کوما سے الگ کریں)').fill('بجلی');
    await page.getByRole('button', { name: 'ٹیگ لگائیں' }).click();
    await page.getByRole('button', { name: 'ٹیگ بجلی ہٹائیں' }).waitFor();
    await shot('ticket-tags-ur');
    expect(await accessibilityProblems()).toEqual([]);

    const events = (await t.http.get(`/tickets/${ticket.id}/events`).set(t.as(admin)).expect(200)).body as Array<{ type: string; data: { added: string[]; removed: string[] }; metadata: { actor: { id: string } } }>;
    const tagging = events.filter((e) => e.type === 'TicketTagsChanged');
    expect(tagging.map((e) => [e.metadata.actor.id, e.data.added, e.data.removed])).toEqual([
      [zara.id, ['vip-customer', 'refund'], []],
      [zara.id, [], ['refund']],
      [zara.id, ['بجلی'], []],
    ]);
  });

  it('applies a macro from the ticket page: its reply in the customer’s language and its changes, in one step', async () => {
    const supervisor: TestUser = { id: 'sup-sana', role: 'supervisor', email: 'sana@helpdesk.test' };
    const macro = (
      await t.http
        .post('/macros')
        .set(t.as(supervisor))
        .send({ name: 'Password reset done', reply: { en: 'Dear {{customer.name}}, your password is reset.', ur: '{{customer.name}} صاحب، آپ کا پاس ورڈ ری سیٹ ہو گیا۔' }, changes: { category: 'question', addTags: ['password-reset'] } })
        .expect(201)
    ).body as { id: string; position: string };
    // The macros read model has it before the page asks for the list.
    await t.http.get('/macros').query({ consistentWith: macro.position }).set(t.as(zara)).expect(200);
    const ticket = await submit(VISA);
    await projected(ticket);
    await signIn();
    await page.evaluate((id) => (location.hash = `#/tickets/${id}`), ticket.id);
    await page.getByRole('heading', { level: 1, name: `${ticket.number}: ${VISA.subject}` }).waitFor();
    await page.locator('.action-macro select').selectOption({ label: 'Password reset done' });
    await page.getByRole('button', { name: 'Apply macro' }).click();
    await page.locator('li[data-type="CommentAdded"]', { hasText: 'Ayesha Khan صاحب، آپ کا پاس ورڈ ری سیٹ ہو گیا۔' }).waitFor();
    await page.getByRole('button', { name: 'Remove tag password-reset' }).waitFor();
    await page.locator('.ticket-side dd', { hasText: 'Question' }).waitFor();
    await shot('ticket-macro-en');
    expect(await accessibilityProblems()).toEqual([]);

    const events = (await t.http.get(`/tickets/${ticket.id}/events`).set(t.as(admin)).expect(200)).body as Array<{ type: string; metadata: { actor: { id: string }; macro?: { id: string } } }>;
    expect(events.filter((e) => e.metadata.macro?.id === macro.id).map((e) => [e.type, e.metadata.actor.id])).toEqual([
      ['CommentAdded', zara.id],
      ['TicketCategorized', zara.id],
      ['TicketTagsChanged', zara.id],
    ]);
  });

  it('switches to Urdu: right to left, mirrored, translated, in a font that renders Urdu', async () => {
    const ticket = await resolvedByZara();
    await submit(PAYMENTS); // an open ticket for the queue
    await signIn();
    await page.evaluate((id) => (location.hash = `#/tickets/${id}`), ticket.id);
    await page.getByRole('heading', { level: 1, name: `${ticket.number}: ${VISA.subject}` }).waitFor();
    await page.getByLabel('Language').selectOption('ur');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ur');
    await page.getByRole('heading', { name: 'ٹائم لائن' }).waitFor();
    expect(await text('[data-field="status"]')).toBe('حل شدہ');
    await page.locator('li[data-type="CommentAdded"]', { hasText: 'نے جواب دیا' }).waitFor();
    await page.getByRole('button', { name: 'دوبارہ کھولیں' }).waitFor();
    expect(await page.evaluate(async () => (await document.fonts.ready, document.fonts.check('20px "Noto Nastaliq Urdu"', 'اردو')))).toBe(true);

    // Mirrored: the side column sits on the left in Urdu.
    const side = (await page.locator('.ticket-side').boundingBox())!;
    const main = (await page.locator('.ticket-main').boundingBox())!;
    expect(side.x).toBeLessThan(main.x);
    await shot('ticket-ur');
    expect(await accessibilityProblems()).toEqual([]);

    // The title and the focus as they stand the moment the queue's heading enters the page (a
    // mutation observer runs before the next paint), so a title or focus that lags behind the
    // screen fails here every time, not only on a busy machine.
    await page.evaluate(() => {
      const w = window as unknown as { atQueueHeading?: [string, string | undefined] };
      new MutationObserver((_, observer) => {
        if (document.querySelector('h1')?.textContent !== 'قطار') return;
        w.atQueueHeading = [document.title, document.activeElement?.id];
        observer.disconnect();
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByRole('link', { name: 'قطار پر واپس' }).click();
    await page.getByRole('heading', { name: 'قطار' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { atQueueHeading?: unknown }).atQueueHeading)).toEqual(['قطار · ہیلپ ڈیسک', 'main']);
    expect(await page.title()).toBe('قطار · ہیلپ ڈیسک');
    await page.getByRole('button', { name: /^تمام کھلے/ }).click();
    await page.locator('tbody tr').first().waitFor();
    const headers = page.locator('table.queue thead th');
    const first = (await headers.first().boundingBox())!;
    const last = (await headers.last().boundingBox())!;
    expect(first.x).toBeGreaterThan(last.x); // the ticket number column is on the right
    expect(await headers.allInnerTexts()).toEqual(['ٹکٹ', 'موضوع', 'صارف', 'ترجیح', 'حیثیت', 'مدت', 'SLA کا باقی وقت', 'ذمہ دار']);
    await shot('queue-ur');
    expect(await accessibilityProblems()).toEqual([]);
  });

  it('is usable on a phone: no sideways scrolling, the queue as cards', async () => {
    const ticket = await submit(VISA);
    await signIn();
    await page.getByRole('combobox', { name: /^Language/ }).selectOption('ur');
    await page.getByRole('heading', { name: 'قطار' }).waitFor();
    await page.getByRole('button', { name: /^تمام کھلے/ }).click();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('tbody tr').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await page.locator('table.queue thead').isVisible()).toBe(false);
    await shot('queue-ur-phone');
    await page.getByRole('combobox', { name: /^زبان/ }).selectOption('en');
    await page.evaluate((id) => (location.hash = `#/tickets/${id}`), ticket.id);
    await page.getByRole('heading', { level: 1, name: new RegExp(ticket.number) }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot('ticket-en-phone');
  });

  it('colours a breached ticket and shows the breach on its timeline, renewing the expired session on the way', async () => {
    await submit(VISA);
    const { number } = await submit(PAYMENTS);
    await signIn();
    await page.getByRole('button', { name: /^All open/ }).click();
    const emergencyRow = page.locator(`tbody tr[data-ticket="${number}"]`);
    await emergencyRow.waitFor();
    expect(await page.locator('tbody tr').first().getAttribute('data-ticket')).toBe(number); // the emergency first
    expect(await emergencyRow.getAttribute('class')).toBe('sla-ok');

    // Three days on: every SLA clock has run out, and the access token (minutes) has expired.
    t.clock.advance(3 * 24 * 60 * 60 * 1000);
    const recorded = await t.app.get(SlaWatchService).runDue();
    expect(recorded.map((e) => e.type)).toContain('SlaBreached');
    await page.locator(`tr.sla-breached[data-ticket="${number}"]`).waitFor();
    expect(await page.locator(`tr[data-ticket="${number}"] .sla`).innerText()).toMatch(/^first response: .* overdue/);
    await shot('queue-breached-en');

    await page.getByRole('link', { name: number }).click();
    await page.locator('li[data-type="SlaBreached"]', { hasText: 'SLA breached: first response was due at' }).waitFor();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor({ state: 'detached' });
    await shot('ticket-breached-en');
  });
});
