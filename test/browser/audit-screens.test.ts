import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { accessibilityProblems } from '../support/accessibility';
import { ARTIFACTS, BROWSER_TEST_TIMEOUT_MS, browserAvailable, launchUiBrowser, UiBrowser, UiScreen } from '../support/browser';
import { agent, customer, newTicket, otherCustomer, supervisor, TestApp, TestUser } from '../support/test-app';
import { retryWhileBehind } from '../support/wait';

/**
 * An auditor replays a ticket the test worked through the API, one event at a time, sees the
 * state at an instant between two steps, the chain verified and the signed checkpoints, and
 * filters and exports the trail, in English and Urdu; an admin signs a checkpoint from the screen.
 * Own app and browser context per test; every page is opened once the read side holds what it shows.
 */
const PASSWORD = 'an audit screens test password';
const amna: TestUser = { id: 'aud-amna', role: 'auditor', email: 'amna@helpdesk.test', password: PASSWORD };
const zafar: TestUser = { id: 'admin-zafar', role: 'admin', email: 'zafar@helpdesk.test', password: PASSWORD };
const ZONE = 'Asia/Karachi';
const MINUTE = 60_000;
const GENESIS = '0'.repeat(64);

const EXPECTED_REFUSALS = [
  // The state asked for an instant before the submission (the test does it on purpose).
  /^404 GET \/tickets\/[0-9a-f-]{36}\/state$/,
  // The ticket page's knowledge sidebar asks for article suggestions, which are for agents,
  // supervisors and admins: an auditor who stays on the page a moment gets a 403 (not these screens').
  /^403 POST \/kb\/suggestions$/,
];

const suite = browserAvailable() ? describe : describe.skip;
jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

/** The wall time a date-time picker shows for an instant in `zone` (Chrome drops zero seconds). */
const wallTime = (iso: string, zone: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
    .format(new Date(iso))
    .replace(' ', 'T')
    .replace(/:00$/, '');

suite('the auditor screens in headless chromium', () => {
  let browser: UiBrowser;
  let ui: UiScreen;
  let t: TestApp;
  let page: Page;
  /**
   * Every 4xx answer the page got, as "<status> <method> <path>": chromium logs each as a console
   * error without its address, so the answers are checked here and their log lines let through.
   */
  let refused: string[];

  beforeAll(async () => (browser = await launchUiBrowser()), BROWSER_TEST_TIMEOUT_MS);
  afterAll(async () => browser?.close());
  beforeEach(async () => {
    // Checkpoints only when a test signs one: the periodic signer would add rows at its own time.
    ui = await browser.screen([amna, zafar], { AUDIT_CHECKPOINT_INTERVAL_MS: '0' });
    ({ t, page } = ui);
    refused = [];
    page.on('response', (r) => r.status() >= 400 && r.status() < 500 && refused.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`));
    // Their own profiles: the header shows times in their roster zone, not the browser's (London).
    await ui.rosterAgent(amna.id, 'Amna Qureshi', { email: amna.email });
    await ui.rosterAgent(zafar.id, 'Zafar Iqbal', { email: zafar.email });
  }, BROWSER_TEST_TIMEOUT_MS);
  afterEach(async () => {
    const errors = ui.consoleErrors().filter((e) => !/^Failed to load resource: the server responded with a status of 4\d\d/.test(e));
    await ui.close();
    expect(errors).toEqual([]);
    expect(refused.filter((answer) => !EXPECTED_REFUSALS.some((expected) => expected.test(answer)))).toEqual([]);
  }, BROWSER_TEST_TIMEOUT_MS);

  /** Submitted, assigned, started, answered and resolved, each step seven minutes after the one before. */
  async function workedTicket() {
    const step = async (path: string, who: TestUser, body: object = {}) => {
      t.clock.advance(7 * MINUTE);
      return (await t.http.post(path).set(t.as(who)).send(body).expect((r) => expect(r.status).toBeLessThan(300))).body as { id: string; number: string; position: string };
    };
    const ticket = await step('/tickets', customer, newTicket({ subject: 'VPN drops every hour' }));
    await step(`/tickets/${ticket.id}/assign`, supervisor, { agentId: 'agent-ali' });
    await step(`/tickets/${ticket.id}/start`, agent('agent-ali'));
    await step(`/tickets/${ticket.id}/comments`, agent('agent-ali'), { body: 'Reconfiguring your tunnel now.', visibility: 'public' });
    const last = await step(`/tickets/${ticket.id}/resolve`, agent('agent-ali'), { resolution: 'Tunnel keep-alive fixed' });
    return { id: ticket.id, number: ticket.number, last: last.position };
  }

  /** Waits until the replay shows step `step` and its state, then reads the state's fields. */
  async function stateAfterStep(step: number, count: number, positionText: string) {
    await page.locator('.replay-position', { hasText: new RegExp(`^${positionText.replace('{step}', String(step)).replace('{count}', String(count))}$`) }).waitFor();
    // The position and the state are one render: once both show, the state is that step's.
    const table = page.locator('.replay-state table');
    await table.waitFor();
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-field'), tr.querySelector('td.value')?.textContent ?? '']));
    return Object.fromEntries(rows) as Record<string, string>;
  }

  const download = async (button: string, format: string) => {
    const [file, response] = await Promise.all([
      page.waitForEvent('download'),
      page.waitForResponse((r) => r.url().includes('/audit/trail?') && r.url().includes(`format=${format}`)),
      page.getByRole('button', { name: button }).click(),
    ]);
    return { name: file.suggestedFilename(), type: response.headers()['content-type'], text: readFileSync((await file.path())!, 'utf8') };
  };

  it('replays a worked ticket step by step, shows it at an instant, verifies its chain, lists checkpoints and filters and exports the trail, in English and Urdu', async () => {
    const ticket = await workedTicket();
    t.clock.advance(MINUTE);
    const other = (await t.http.post('/tickets').set(t.as(otherCustomer)).send(newTicket({ subject: 'Printer jams', customer: { name: 'Bilal Shah', email: otherCustomer.email, timezone: ZONE, language: 'en' } })).expect(201)).body;
    const signed = (await t.http.post('/audit/checkpoints').set(t.as(zafar)).expect(200)).body.checkpoint as { position: string; keyId: string };
    const history = (await t.http.get(`/tickets/${ticket.id}/history`).set(t.as(amna)).expect(200)).body.items as Array<{ revision: number; occurredAt: string; chain: { hash: string } }>;
    expect(history).toHaveLength(7);
    // The read side holds both tickets and every trail entry before a page asks.
    for (const path of [`/tickets/${ticket.id}`, '/audit/trail']) {
      expect((await retryWhileBehind(() => t.http.get(path).query({ consistentWith: other.position }).set(t.as(amna)))).status).toBe(200);
    }

    await ui.signIn(amna, PASSWORD);
    await page.evaluate((id) => (location.hash = `#/tickets/${id}`), ticket.id);
    await page.getByRole('heading', { level: 1, name: `${ticket.number}: VPN drops every hour` }).waitFor();
    await page.getByRole('link', { name: 'History replay' }).click();
    await page.getByRole('heading', { level: 1, name: `History of ${ticket.number}: VPN drops every hour` }).waitFor();
    await page.locator('.verdict[data-verdict="ok"]', { hasText: 'Chain intact: all 7 events link up and match their hashes.' }).waitFor();

    // Step by step: buttons, the arrow keys, the slider, Home and End.
    const position = 'Step {step} of {count}';
    expect(await stateAfterStep(1, 7, position)).toMatchObject({ status: 'New', assigneeId: '—', acknowledged: 'no', customer: 'Ayesha Khan <ayesha@example.pk>' });
    expect(await page.locator('.replay-sentence').innerText()).toBe('Customer cust-ayesha submitted the ticket by web form');
    expect(await page.locator('[data-chain="prev"]').innerText()).toBe(GENESIS);
    expect(await page.locator('[data-chain="hash"]').innerText()).toBe(history[0].chain.hash);

    await page.getByRole('button', { name: 'Next step' }).click();
    expect(await stateAfterStep(2, 7, position)).toMatchObject({ status: 'Assigned', assigneeId: 'agent-ali', acknowledged: 'no' });
    expect(await page.locator('.replay-sentence').innerText()).toBe('Supervisor sup-sana assigned the ticket to agent-ali');
    expect(await page.locator('.replay-state tr.changed td.change').allInnerTexts()).toEqual(['changed (was New)', 'changed (was —)']);
    expect(await page.locator('[data-chain="prev"]').innerText()).toBe(history[0].chain.hash);

    await page.keyboard.press('ArrowRight');
    expect(await stateAfterStep(3, 7, position)).toMatchObject({ status: 'Assigned', acknowledged: 'yes' });
    await page.keyboard.press('ArrowRight');
    expect(await stateAfterStep(4, 7, position)).toMatchObject({ status: 'In progress', assigneeId: 'agent-ali' });
    await page.getByRole('button', { name: 'Next step' }).click();
    expect(await stateAfterStep(5, 7, position)).toMatchObject({ status: 'In progress', resolutions: '0' });
    expect(await page.locator('.replay-sentence').innerText()).toBe('Agent agent-ali replied');
    await page.getByRole('slider', { name: 'Step' }).fill('5');
    expect(await stateAfterStep(6, 7, position)).toMatchObject({ status: 'Resolved', resolutions: '1', satisfaction: 'not asked' });
    await page.getByRole('button', { name: 'Next step' }).click();
    expect(await stateAfterStep(7, 7, position)).toMatchObject({ status: 'Resolved', satisfaction: 'asked, not rated yet' });
    await page.getByRole('button', { name: 'Previous step' }).click();
    expect(await stateAfterStep(6, 7, position)).toMatchObject({ status: 'Resolved' });
    await page.keyboard.press('Home');
    expect(await stateAfterStep(1, 7, position)).toMatchObject({ status: 'New' });
    await page.keyboard.press('End');
    expect(await stateAfterStep(7, 7, position)).toMatchObject({ status: 'Resolved' });

    // An instant between the start of work (step 4) and the reply (step 5), picked in the auditor's zone.
    const picker = page.getByLabel(`Date and time (${ZONE})`);
    await picker.fill(wallTime(new Date(new Date(history[3].occurredAt).getTime() + 3 * MINUTE).toISOString(), ZONE));
    await page.getByRole('button', { name: 'Show the state then' }).click();
    const answer = page.locator('.instant-answer[data-revision="3"]');
    await answer.getByText(/^As it stood after step 4, at /).waitFor();
    expect(await answer.locator('tr[data-field="status"] td.value').innerText()).toBe('In progress');
    await answer.getByRole('button', { name: 'Go to step 4 in the replay' }).click();
    expect(await stateAfterStep(4, 7, position)).toMatchObject({ status: 'In progress' });
    await page.screenshot({ path: join(ARTIFACTS, 'audit-replay-en.png'), fullPage: true });
    expect(await accessibilityProblems(page)).toEqual([]);

    await picker.fill(wallTime(new Date(new Date(history[0].occurredAt).getTime() - MINUTE).toISOString(), ZONE));
    await page.getByRole('button', { name: 'Show the state then' }).click();
    await page.getByText('The ticket had not been submitted yet at that instant.').waitFor();

    // The overview: checkpoints, a chain verified by number, the trail filtered and exported.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit' }).waitFor();
    const checkpoint = page.locator(`.checkpoint-table tr[data-position="${signed.position}"]`);
    expect(await checkpoint.locator('[data-check]').innerText()).toBe('verifies with the key');
    expect(await page.locator('[data-key-id]').innerText()).toBe(signed.keyId);
    await page.locator('.trail-table tbody tr').nth(7).waitFor(); // both tickets: 7 entries and 1

    const verify = page.locator('section.verify');
    await verify.getByLabel('Ticket (number or id)').fill(ticket.number);
    await verify.getByRole('button', { name: 'Verify' }).click();
    await verify.locator('.verdict[data-verdict="ok"]', { hasText: 'all 7 events' }).waitFor();

    const trail = page.locator('section.trail');
    await trail.getByLabel('Ticket (number or id)').fill(ticket.number);
    const filtered = page.waitForResponse((r) => r.url().includes('/audit/trail?') && r.url().includes(`ticket=${ticket.id}`));
    await trail.getByRole('button', { name: 'Apply filters' }).click();
    await filtered;
    await trail.getByText('7 entries, newest first').waitFor();
    expect(await trail.locator('.trail-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ticket')))).toEqual(Array(7).fill(ticket.number));
    expect(await trail.locator('.trail-table tbody tr[data-type="TicketAssigned"] td').nth(4).innerText()).toBe('Status: New → Assigned\nAssignee: — → agent-ali');

    const csv = await download('Download CSV', 'csv');
    expect(csv.name).toBe('audit-trail.csv');
    expect(csv.type).toMatch(/^text\/csv/);
    const rows = csv.text.replace(/^\uFEFF/, '').trim().split('\n');
    expect(rows[0]).toBe('position,occurredAt,ticketId,number,revision,type,actorId,actorRole,category,changes,correlationId');
    expect(rows.slice(1)).toHaveLength(7);
    expect(rows.find((row) => row.includes(',TicketAssigned,'))).toContain(`,${ticket.id},${ticket.number},1,TicketAssigned,sup-sana,supervisor,`);
    const ndjson = await download('Download NDJSON', 'ndjson');
    expect(ndjson.name).toBe('audit-trail.ndjson');
    expect(ndjson.type).toMatch(/^application\/x-ndjson/);
    const lines = ndjson.text.trim().split('\n').map((line) => JSON.parse(line) as { number: string; type: string });
    expect(lines.map((l) => l.number)).toEqual(Array(7).fill(ticket.number));
    expect(lines.map((l) => l.type)).toContain('TicketResolved');
    await page.screenshot({ path: join(ARTIFACTS, 'audit-en.png'), fullPage: true });
    expect(await accessibilityProblems(page)).toEqual([]);

    // In Urdu, right to left: the overview, then the replay stepped with the mirrored arrow key.
    await page.getByLabel('Language').selectOption('ur');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.getByRole('heading', { level: 1, name: 'آڈٹ' }).waitFor();
    await trail.getByText('7 اندراجات، نئے پہلے').waitFor();
    await page.locator(`.checkpoint-table tr[data-position="${signed.position}"] [data-check]`, { hasText: 'کلید سے تصدیق ہو گئی' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'audit-ur.png'), fullPage: true });
    expect(await accessibilityProblems(page)).toEqual([]);

    await trail.locator('.trail-table tbody tr').first().getByRole('link', { name: `${ticket.number} کی تاریخ دوبارہ چلائیں` }).click();
    await page.getByRole('heading', { level: 1, name: `${ticket.number} کی تاریخ: VPN drops every hour` }).waitFor();
    await page.locator('.verdict[data-verdict="ok"]', { hasText: 'زنجیر سلامت ہے' }).waitFor();
    const urPosition = 'مرحلہ {step} از {count}';
    expect(await stateAfterStep(1, 7, urPosition)).toMatchObject({ status: 'نیا' });
    await page.getByRole('button', { name: 'اگلا مرحلہ' }).click();
    expect(await stateAfterStep(2, 7, urPosition)).toMatchObject({ status: 'تفویض شدہ', assigneeId: 'agent-ali' });
    await page.keyboard.press('ArrowLeft'); // forward, right to left
    await page.keyboard.press('ArrowLeft');
    expect(await stateAfterStep(4, 7, urPosition)).toMatchObject({ status: 'زیرِ عمل', acknowledged: 'ہاں' });
    await page.getByLabel(`تاریخ اور وقت (${ZONE})`).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'audit-replay-ur.png'), fullPage: true });
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('lets an admin sign a checkpoint from the screen, verified with the key at once', async () => {
    const ticket = (await t.http.post('/tickets').set(t.as(customer)).send(newTicket()).expect(201)).body;
    expect((await retryWhileBehind(() => t.http.get('/audit/trail').query({ consistentWith: ticket.position }).set(t.as(zafar)))).status).toBe(200);

    await ui.signIn(zafar, PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit', exact: true }).click();
    await page.getByText('No checkpoint signed yet').waitFor();
    await page.getByRole('button', { name: 'Sign a checkpoint now' }).click();
    const outcome = await page.getByRole('status').filter({ hasText: /^Checkpoint signed: up to position \d+, [\d,]+ events\.$/ }).innerText();
    const position = /position (\d+)/.exec(outcome)![1];
    await page.locator(`.checkpoint-table tr[data-position="${position}"] [data-check="true"]`, { hasText: 'verifies with the key' }).waitFor();
    await page.getByText('1 checkpoint, newest first').waitFor();
    const listed = (await t.http.get('/audit/checkpoints').set(t.as(zafar)).expect(200)).body.items;
    expect(listed).toEqual([expect.objectContaining({ position, signatureValid: true })]);
    await page.screenshot({ path: join(ARTIFACTS, 'audit-checkpoint-signed-en.png'), fullPage: true });
    expect(await accessibilityProblems(page)).toEqual([]);
  });
});
