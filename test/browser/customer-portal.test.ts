import { join } from 'node:path';
import { Page, Response } from 'playwright-core';
import { admin, agent, customer, newTicket, supervisor, TestApp, TestUser } from '../support/test-app';
import { startTestRelay, TestRelay } from '../support/test-relay';
import { nthVerificationMail, verificationOf } from '../support/verification-mail';
import { accessibilityProblems } from '../support/accessibility';
import { waitUntil } from '../support/wait';
import { ARTIFACTS, BROWSER_TEST_TIMEOUT_MS, browserAvailable, launchUiBrowser, UiBrowser, UiScreen } from '../support/browser';

/**
 * The customer's side in a real headless chromium against the real HTTP app and a real SMTP
 * relay: a visitor files through the web form, proves the address by the mailed link (or code),
 * follows the request in the portal, replies, sees the agent's solution and confirms it; the
 * same in Urdu, right to left, at phone width; and a second customer reaches none of the first's
 * requests by any route. Every answer the API gives the browser is checked for what staff only
 * may see.
 */
const PUBLIC_URL = 'http://helpdesk.example.pk';
const INTERNAL = 'INTERNAL-NOTE-for-staff-only';
const ali = agent('agent-ali');

const suite = browserAvailable() ? describe : describe.skip;
jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

suite('customer portal and web form in headless chromium', () => {
  let browser: UiBrowser;
  let relay: TestRelay;
  let ui: UiScreen;
  let t: TestApp;
  let page: Page;
  let answers: Array<{ url: string; body: string }>;

  beforeAll(async () => {
    browser = await launchUiBrowser();
    relay = await startTestRelay();
  }, BROWSER_TEST_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    await relay?.close();
  });

  beforeEach(async () => {
    ui = await browser.screen([], { SMTP_RELAY_URL: relay.url, PUBLIC_URL, MAIL_FROM: 'support@helpdesk.test' });
    ({ t, page } = ui);
    await ui.rosterAgent(ali.id, 'Ali Raza', { languages: ['en', 'ur'], skills: ['incident', 'question', 'general'] });
    // Every API answer the browser receives, to search for what customers must never see.
    answers = [];
    page.on('response', async (res: Response) => {
      if (!res.url().startsWith(ui.url) || res.url().includes('/assets/') || res.request().resourceType() === 'document') return;
      answers.push({ url: res.url(), body: await res.text().catch(() => '') });
    });
  }, BROWSER_TEST_TIMEOUT_MS);

  afterEach(async () => {
    const errors = ui.consoleErrors();
    await ui.close();
    // Refused proofs and guessed tickets answer 4xx by design; nothing else may log an error.
    expect(errors.filter((e) => !/status of (401|404|410)/.test(e))).toEqual([]);
  }, BROWSER_TEST_TIMEOUT_MS);

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const staff = (who: TestUser) => t.as(who);
  /** The agent side, through the API: take, reply publicly, note internally, resolve. */
  const agentResolves = async (ticketId: string, reply: string, resolution: string) => {
    for (const [who, command, body] of [
      [supervisor, 'assign', { agentId: ali.id }],
      [ali, 'start', {}],
      [ali, 'comments', { body: reply, visibility: 'public' }],
      [ali, 'comments', { body: `${INTERNAL}: customer sounded annoyed`, visibility: 'internal' }],
      [ali, 'resolve', { resolution }],
    ] as const) {
      await t.http.post(`/tickets/${ticketId}/${command}`).set(staff(who)).send(body).expect(200);
    }
  };
  const ticketIdOnPage = () => /#\/tickets\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
  const noStaffFieldsReachedTheBrowser = () => {
    const leaks = answers.filter((a) => a.body.includes(INTERNAL) || /"assigneeId"|"team"|"slaFacts"|"internal"/.test(a.body));
    expect(leaks.map((a) => a.url)).toEqual([]);
    expect(answers.some((a) => /\/tickets\//.test(a.url))).toBe(true);
  };

  it('a visitor files through the web form, verifies by the mailed link, follows, replies and confirms the solution', async () => {
    const email = 'hina.baig@example.pk';
    await page.goto(ui.url);
    await page.getByRole('link', { name: 'File a request (no account needed)' }).click();
    await page.getByRole('heading', { name: 'New request' }).waitFor();
    // The browser's time zone and the UI's language are the guesses, and editable.
    expect(await page.getByLabel('Your time zone').inputValue()).toBe('Europe/London');
    expect(await page.getByLabel('Language for our replies').inputValue()).toBe('en');
    await page.getByLabel('Your name').fill('Hina Baig');
    await page.getByLabel('Your email', { exact: true }).fill(email);
    await page.getByLabel('Subject').fill('Fee receipt missing');
    await page.getByLabel('What happened').fill('I paid the visa fee but no receipt came.');
    await page.getByLabel('Error messages (one per line, optional)').fill('E42: receipt not found\nE7: timeout');
    await page.getByLabel('Steps to reproduce (optional)').fill('1. Pay 2. Open receipts');
    await page.getByLabel('How it affects you (optional)').fill('Cannot prove payment');
    await page.getByLabel('Kind of request').selectOption('question');
    await page.getByLabel('Your time zone').fill('Asia/Dubai');
    await page.getByLabel('Attachments (optional)').setInputFiles({ name: 'slip.txt', mimeType: 'text/plain', buffer: Buffer.from('bank slip 123\n') });
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByRole('status').filter({ hasText: `we sent a link and a code to ${email}` }).waitFor();
    // Nothing is filed, and no account exists, before the address is proved.
    expect((await t.http.get('/tickets').set(staff(supervisor)).expect(200)).body.total).toBe(0);

    const mail = await nthVerificationMail(relay, email);
    expect(mail.parsed.subject).toBe('Please confirm your request: Fee receipt missing');
    const { link } = verificationOf(mail);
    expect(link.startsWith(`${PUBLIC_URL}/#/verify/hdv.`)).toBe(true);
    // The link names this helpdesk's public address; the test's app listens elsewhere.
    await page.goto(`${ui.url}/${link.slice(link.indexOf('#'))}`);
    await page.getByRole('heading', { name: 'Confirm your email' }).waitFor();
    await page.getByRole('button', { name: 'Confirm and continue' }).click();
    const heading = page.getByRole('heading', { level: 1, name: /^HD-\d{6}: Fee receipt missing$/ });
    await heading.waitFor();
    const ticketId = ticketIdOnPage();
    const filed = (await t.http.get(`/tickets/${ticketId}`).set(staff(supervisor)).expect(200)).body;
    expect(filed).toMatchObject({ channel: 'web', category: 'question', customer: { name: 'Hina Baig', email, timezone: 'Asia/Dubai', language: 'en' }, errorMessages: ['E42: receipt not found', 'E7: timeout'] });
    expect(filed.attachments).toEqual([expect.objectContaining({ filename: 'slip.txt' })]);
    // Our target, in the customer's own zone.
    await page.getByText('Times in Asia/Dubai').waitFor();
    await page.getByText(/first response: by /i).waitFor();
    await page.getByRole('button', { name: 'Download slip.txt' }).waitFor();

    await page.getByLabel('Your reply').fill('I can send the bank statement too.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.locator('.timeline .comment-customer').filter({ hasText: 'I can send the bank statement too.' }).waitFor();

    await agentResolves(ticketId, 'We found your payment and re-sent the receipt.', 'Receipt re-sent to your address.');
    await page.getByRole('heading', { name: 'Our solution' }).waitFor();
    await page.getByText('Receipt re-sent to your address.').waitFor();
    await page.locator('.timeline .comment-agent').filter({ hasText: 'We found your payment' }).waitFor();
    await page.getByText('Please confirm the solution, or tell us why not.').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot('portal-resolved-en');

    // The resolution mail's rating links: opening one records nothing; the customer's press does.
    const number = filed.number as string;
    await relay.waitFor(() => relay.messages.some((m) => m.to.includes(email) && m.parsed.subject?.includes(number) && /#\/rate\//.test(m.parsed.text ?? '')), 'the resolution mail with its rating links', 60_000);
    const resolvedMail = relay.messages.find((m) => m.to.includes(email) && m.parsed.subject?.includes(number) && /#\/rate\//.test(m.parsed.text ?? ''))!;
    const rateLinks = [...(resolvedMail.parsed.text ?? '').matchAll(/(https?:\/\/\S+\/#\/rate\/[A-Za-z0-9._-]+\?score=[1-5])/g)].map((m) => m[1]);
    expect(rateLinks).toHaveLength(5);
    await page.goto(`${ui.url}/${rateLinks[3].slice(rateLinks[3].indexOf('#'))}`);
    await page.getByRole('heading', { name: 'Rate our help' }).waitFor();
    expect(await page.getByRole('radio', { name: '4 – Happy' }).isChecked()).toBe(true);
    expect((await t.http.get(`/tickets/${ticketId}`).set(staff(supervisor)).expect(200)).body.satisfaction).toMatchObject({ offered: true, final: false });
    expect((await t.http.get(`/tickets/${ticketId}`).set(staff(supervisor)).expect(200)).body.satisfaction.score).toBeUndefined();
    await page.getByRole('radio', { name: '5 – Very happy' }).check();
    await page.getByRole('button', { name: 'Send my rating' }).click();
    await page.getByText('Thank you. Your rating of 5 out of 5 is recorded.').waitFor();
    // The rating is in the analysts' figures for today (the resolution's day), under the agent who resolved it.
    const today = new Date(t.clock.now().getTime() + 5 * 3_600_000).toISOString().slice(0, 10);
    const rated = await waitUntil('the rating in /metrics/daily', async () => {
      const items = (await t.http.get('/metrics/daily').query({ dimension: 'agent', value: ali.id, from: today, to: today }).set(staff(supervisor)).expect(200)).body.items;
      return items.find((d: { satisfaction: { rated: number } }) => d.satisfaction.rated === 1)?.satisfaction;
    });
    expect(rated).toMatchObject({ offered: 1, rated: 1, responseRate: 1, csat: 1, average: 5, scores: { 5: 1 } });
    // Back in the portal, the request shows the rating, still changeable.
    await page.goto(`${ui.url}/#/tickets/${ticketId}`);
    await page.getByText('You rated it 5 of 5.').waitFor();
    await page.getByText(/You can change your rating until/).waitFor();

    await page.getByRole('button', { name: 'Yes, this solves it' }).click();
    await page.getByRole('button', { name: 'Reopen' }).waitFor();
    const confirmed = (await t.http.get(`/tickets/${ticketId}`).set(staff(supervisor)).expect(200)).body;
    expect(confirmed.confirmedAt).not.toBeNull();

    await page.getByRole('link', { name: 'Back to my requests' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Fee receipt missing' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/Resolved/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot('portal-list-en');
    noStaffFieldsReachedTheBrowser();
  });

  it('the same in Urdu, right to left, at phone width, proving the address by the code', async () => {
    const email = 'zainab@example.pk';
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(ui.url);
    await page.getByLabel('Language').selectOption('ur');
    await page.locator('html[lang="ur"][dir="rtl"]').waitFor();
    await page.getByRole('link', { name: 'درخواست بھیجیں (اکاؤنٹ کی ضرورت نہیں)' }).click();
    await page.getByRole('heading', { name: 'نئی درخواست' }).waitFor();
    expect(await page.getByLabel('ہمارے جوابات کی زبان').inputValue()).toBe('ur');
    await page.getByLabel('آپ کا نام').fill('زینب قریشی');
    await page.getByLabel('آپ کی ای میل').fill(email);
    await page.getByLabel('عنوان').fill('ویزا پورٹل پاس ورڈ مسترد کرتا ہے');
    await page.getByLabel('کیا ہوا').fill('صبح سے سائن اِن نہیں ہو رہا۔');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'درخواست بھیجیں' }).click();
    await page.getByLabel('چھ ہندسوں کا کوڈ').waitFor();

    const mail = await nthVerificationMail(relay, email);
    expect(mail.parsed.subject).toBe('براہ کرم اپنی درخواست کی تصدیق کریں: ویزا پورٹل پاس ورڈ مسترد کرتا ہے');
    expect(mail.parsed.html).toContain('dir="rtl"');
    await page.getByLabel('چھ ہندسوں کا کوڈ').fill(verificationOf(mail).code);
    await page.getByRole('button', { name: 'کوڈ سے سائن اِن کریں' }).click();
    await page.getByRole('heading', { level: 1, name: /HD-\d{6}/ }).waitFor();
    const ticketId = ticketIdOnPage();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);

    await page.getByLabel('آپ کا جواب').fill('شکریہ، میں انتظار کر رہی ہوں۔');
    await page.getByRole('button', { name: 'جواب بھیجیں' }).click();
    await page.locator('.timeline .comment-customer').filter({ hasText: 'شکریہ' }).waitFor();
    await agentResolves(ticketId, 'آپ کا پاس ورڈ ری سیٹ کر دیا گیا ہے۔', 'پاس ورڈ ری سیٹ کر دیا گیا۔');
    await page.getByRole('heading', { name: 'ہمارا حل' }).waitFor();
    // The conversation's times in the customer's zone, the request number kept left to right.
    expect(await page.locator('h1 bdi[dir="ltr"]').innerText()).toMatch(/^HD-\d{6}$/);
    // Rated in the portal itself (POST /tickets/:id/satisfaction).
    await page.getByRole('heading', { name: 'آپ حل سے کتنے مطمئن ہیں؟' }).waitFor();
    await page.getByRole('radio', { name: '5 میں سے 4' }).check();
    await page.getByLabel('تبصرہ (اختیاری)').fill('جلدی حل ہو گیا');
    await page.getByRole('button', { name: 'درجہ بندی بھیجیں' }).click();
    await page.getByText('آپ نے 5 میں سے 4 درجہ دیا۔').waitFor();
    expect((await t.http.get(`/tickets/${ticketId}`).set(staff(supervisor)).expect(200)).body.satisfaction).toMatchObject({ offered: true, score: 4, comment: 'جلدی حل ہو گیا' });
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot('portal-resolved-ur-phone');
    await page.getByRole('button', { name: 'جی ہاں، مسئلہ حل ہو گیا' }).click();
    await page.getByRole('button', { name: 'دوبارہ کھولیں' }).waitFor();
    expect((await t.http.get(`/tickets/${ticketId}`).set(staff(supervisor)).expect(200)).body.confirmedAt).not.toBeNull();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    noStaffFieldsReachedTheBrowser();
  });

  it('a second customer reaches none of the first’s requests: not in the portal, not by the API, not by guessed ids or numbers', async () => {
    // The first customer's requests, one with a file.
    const first = [];
    for (const subject of ['Ayesha: visa portal', 'Ayesha: fee refund']) {
      first.push((await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ subject })).expect(201)).body as { id: string; number: string; position: string });
    }
    const withFile = await t.http.post('/tickets').set(t.as(customer)).field('subject', 'Ayesha: scan').field('description', 'See file').field('channel', 'web').field('customer[name]', 'Ayesha').field('customer[email]', customer.email).attach('files', Buffer.from('secret scan'), { filename: 'scan.txt', contentType: 'text/plain' }).expect(201);
    const fileTicket = withFile.body as { id: string; number: string; attachments: Array<{ id: string }> };

    // The second customer signs up by email in the browser (the code from the mail).
    const email = 'second.customer@example.pk';
    await page.goto(`${ui.url}/#/email-sign-in`);
    await page.getByLabel('Your email', { exact: true }).fill(email);
    await page.getByRole('button', { name: 'Email me a link and code' }).click();
    const { code } = verificationOf(await nthVerificationMail(relay, email));
    await page.getByLabel('Six-digit code').fill(code);
    await page.getByRole('button', { name: 'Sign in with the code' }).click();
    await page.getByRole('heading', { name: 'My requests' }).waitFor();
    await page.getByText('You have no requests yet').waitFor();
    for (const guess of [first[0].id, first[1].number, fileTicket.number]) {
      await page.goto(`${ui.url}/#/tickets/${guess}`);
      await page.getByText('This request does not exist or is not yours.').waitFor();
    }

    // The API, with a session of the second customer's own (signed in by another code).
    await t.http.post('/auth/customer/start').send({ email }).expect(202);
    const session = await t.http.post('/auth/customer/verify').send({ email, code: verificationOf(await nthVerificationMail(relay, email, 2)).code }).expect(200);
    const second = { Authorization: `Bearer ${session.body.accessToken}` };
    const head = first[1].position;
    const list = await t.http.get('/tickets').query({ consistentWith: head, limit: 100 }).set(second).expect(200);
    expect(list.body).toMatchObject({ items: [], total: 0 });
    await t.http.get('/tickets').query({ customerEmail: customer.email }).set(second).expect(200).expect((r) => expect(r.body.total).toBe(0));
    const unknown = '7d9f1f4e-2b7a-4c1e-9a7e-1b2c3d4e5f60';
    const missing = (await t.http.get(`/tickets/${unknown}`).set(second).expect(404)).body;
    for (const target of [first[0].id, first[1].number, fileTicket.id, fileTicket.number.replace(/\d$/, (d) => String((Number(d) + 1) % 10))]) {
      const res = await t.http.get(`/tickets/${target}`).set(second).expect(404);
      expect(res.body.type).toBe(missing.type);
    }
    await t.http.get(`/tickets/${fileTicket.id}/attachments`).set(second).expect(404);
    await t.http.get(`/tickets/${fileTicket.id}/attachments/${fileTicket.attachments[0].id}`).set(second).expect(404);
    for (const [path, body] of [['comments', { body: 'hi', visibility: 'public' }], ['reopen', { reason: 'x' }], ['confirm', {}], ['reject', { reason: 'x' }]] as const) {
      const res = await t.http.post(`/tickets/${first[0].id}/${path}`).set(second).send(body);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
    for (const closed of ['/queue', `/tickets/${first[0].id}/events`, `/tickets/${first[0].id}/history`, `/tickets/${first[0].id}/notifications`, '/users', '/notifications']) {
      const res = await t.http.get(closed).set(second);
      expect({ closed, status: res.status }).toEqual({ closed, status: 403 });
    }
    void admin;
    const leaked = answers.filter((a) => a.body.includes('Ayesha'));
    expect(leaked.map((a) => a.url)).toEqual([]);
  });
});
