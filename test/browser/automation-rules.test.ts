import { join } from 'node:path';
import { Page } from 'playwright-core';
import { accessibilityProblems } from '../support/accessibility';
import { ARTIFACTS, BROWSER_TEST_TIMEOUT_MS, browserAvailable, launchUiBrowser, UiBrowser, UiScreen } from '../support/browser';
import { customer, newTicket, TestApp, TestUser } from '../support/test-app';
import { waitUntil } from '../support/wait';

/**
 * A supervisor writes an automation rule on its screen, backtests the draft over a ticket filed
 * earlier, saves and enables it, and the rule fires on the next ticket: its changes and its
 * RuleFired line show on the ticket. An auditor reads the rules without changing them. Own app
 * and browser context per test.
 */
const PASSWORD = 'an automation rules test password';
const nadia: TestUser = { id: 'sup-nadia', role: 'supervisor', email: 'nadia@helpdesk.test', password: PASSWORD };
const omar: TestUser = { id: 'aud-omar', role: 'auditor', email: 'omar@helpdesk.test', password: PASSWORD };

const suite = browserAvailable() ? describe : describe.skip;
jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

suite('the automation rules screen in headless chromium', () => {
  let browser: UiBrowser;
  let ui: UiScreen;
  let t: TestApp;
  let page: Page;
  /** Console errors a test provokes on purpose (chromium logs every 4xx answer as one). */
  let expectedErrors: RegExp[];

  beforeAll(async () => (browser = await launchUiBrowser()), BROWSER_TEST_TIMEOUT_MS);
  afterAll(async () => browser?.close());
  beforeEach(async () => {
    ui = await browser.screen([nadia, omar]);
    ({ t, page } = ui);
    expectedErrors = [];
    // Their own profiles (the header shows their working hours' zone from them).
    await ui.rosterAgent(nadia.id, 'Nadia Aslam', { email: nadia.email });
    await ui.rosterAgent(omar.id, 'Omar Farooq', { email: omar.email });
  }, BROWSER_TEST_TIMEOUT_MS);
  afterEach(async () => {
    const errors = ui.consoleErrors().filter((e) => !expectedErrors.some((expected) => expected.test(e)));
    await ui.close();
    expect(errors).toEqual([]);
  }, BROWSER_TEST_TIMEOUT_MS);

  /** A ticket filed through the API, read back through the read side before any page asks for it. */
  const submit = async (subject: string, description: string) => {
    const ticket = (await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ subject, description })).expect(201)).body as { id: string; number: string; position: string };
    await t.http.get(`/tickets/${ticket.id}`).query({ consistentWith: ticket.position }).set(t.as(nadia)).expect(200);
    return ticket;
  };

  it('writes a trigger, backtests it over an earlier ticket, saves and enables it, and it fires on the next ticket, in English and Urdu', async () => {
    const earlier = await submit('Refund for a double charge', 'I was charged twice this month; please refund one of them.');

    await ui.signIn(nadia, PASSWORD);
    await page.getByRole('link', { name: 'Automation rules' }).click();
    await page.getByRole('heading', { level: 1, name: 'Automation rules' }).waitFor();
    await page.getByText('No rules yet: supervisors write them.').waitFor();

    await page.getByRole('button', { name: 'New rule' }).click();
    const editor = page.locator('.rule-editor');
    await editor.getByRole('heading', { name: 'New rule' }).waitFor();
    await editor.getByLabel('Name', { exact: true }).fill('Refunds to billing');
    await editor.getByLabel('Description (optional)').fill('Money questions go to billing, first.');
    expect(await editor.getByRole('radio', { name: 'When a ticket event happens (trigger)' }).isChecked()).toBe(true);
    expect(await editor.getByRole('checkbox', { name: 'Ticket submitted' }).isChecked()).toBe(true);

    await editor.getByRole('button', { name: 'Add condition' }).click();
    const condition = editor.getByRole('group', { name: 'Condition 1', exact: true });
    await condition.getByRole('combobox', { name: 'Field', exact: true }).selectOption('text');
    await condition.getByRole('combobox', { name: 'Comparison', exact: true }).selectOption('contains');
    await condition.getByLabel('Words or phrases (separate with commas)').fill('refund');

    const first = editor.getByRole('group', { name: 'Action 1', exact: true });
    await first.getByRole('combobox', { name: 'Do', exact: true }).selectOption('set_priority');
    await first.getByRole('combobox', { name: 'Priority', exact: true }).selectOption('high');
    await editor.getByRole('button', { name: 'Add action' }).click();
    const second = editor.getByRole('group', { name: 'Action 2', exact: true });
    await second.getByRole('combobox', { name: 'Do', exact: true }).selectOption('add_tags');
    await second.getByLabel('Tags (separate with commas)').fill('billing');

    // The draft against the last week: the earlier ticket is a match, with what held and what it would have done.
    await editor.getByRole('combobox', { name: 'Over the last', exact: true }).selectOption('7');
    await editor.getByRole('button', { name: 'Backtest', exact: true }).click();
    await editor.getByText('It would have fired once on 1 ticket in the last 7 days').waitFor();
    const match = editor.locator('table.backtest tbody tr', { hasText: earlier.number });
    const found = await match.innerText();
    expect(found).toContain('text contains "refund"');
    expect(found).toContain('priority set to high');
    expect(found).toContain('tagged billing');
    expect(await match.getByRole('link', { name: earlier.number }).getAttribute('href')).toBe(`#/tickets/${earlier.id}`);
    await page.screenshot({ path: join(ARTIFACTS, 'automation-rules-backtest-en.png'), fullPage: true });
    expect(await accessibilityProblems(page)).toEqual([]);

    await editor.getByRole('button', { name: 'Save and enable' }).click();
    const row = page.locator('table.rules tbody tr', { hasText: 'Refunds to billing' });
    await row.locator('.rule-state', { hasText: 'Enabled' }).waitFor();
    const listed = await row.innerText();
    for (const words of ['Trigger', 'Ticket submitted', 'Subject, description or comment contains any of refund', 'Set the priority to High', 'Add tags billing', 'Never fired']) expect(listed).toContain(words);
    const stored = (await t.http.get('/automation/rules').set(t.as(nadia)).expect(200)).body.items;
    expect(stored).toEqual([
      expect.objectContaining({
        name: 'Refunds to billing',
        kind: 'trigger',
        enabled: true,
        version: 1,
        events: ['TicketSubmitted'],
        conditions: [{ field: 'text', op: 'contains', values: ['refund'] }],
        actions: [
          { type: 'set_priority', priority: 'high' },
          { type: 'add_tags', tags: ['billing'] },
        ],
      }),
    ]);
    await page.screenshot({ path: join(ARTIFACTS, 'automation-rules-en.png'), fullPage: true });
    expect(await accessibilityProblems(page)).toEqual([]);

    // Right to left in Urdu: the list, and the editor with its builders.
    await page.getByLabel('Language').selectOption('ur');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.getByRole('heading', { level: 1, name: 'خودکار قواعد' }).waitFor();
    await row.locator('.rule-state', { hasText: 'فعال' }).waitFor();
    await page.getByRole('button', { name: 'ترمیم کریں: Refunds to billing' }).click();
    await editor.getByRole('heading', { name: 'قاعدہ Refunds to billing میں تبدیلی (موجودہ ورژن 1)' }).waitFor();
    await editor.getByRole('group', { name: 'شرط 1', exact: true }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'automation-rules-ur.png'), fullPage: true });
    expect(await accessibilityProblems(page)).toEqual([]);
    await editor.getByRole('button', { name: 'منسوخ کریں' }).click();
    await editor.waitFor({ state: 'detached' });

    // Live: the next ticket that mentions a refund is changed by the rule, and its timeline says which rule did it.
    const later = await submit('Refund please', 'Order 1182 arrived broken; I would like a refund.');
    const history = await waitUntil(`the trigger reactor (apps/api/src/automation/reactors) to fire "Refunds to billing" on ${later.number}`, async () => {
      const events = (await t.http.get(`/tickets/${later.id}/events`).set(t.as(nadia)).expect(200)).body as Array<{ type: string; position: string }>;
      return events.some((e) => e.type === 'RuleFired') ? events : null;
    });
    // RuleFired and the rule's changes are one append: the read side is asked to have all of it.
    const firedUpTo = history[history.length - 1].position;
    await t.http.get(`/tickets/${later.id}`).query({ consistentWith: firedUpTo }).set(t.as(nadia)).expect(200);
    await page.evaluate((id) => (location.hash = `#/tickets/${id}`), later.id);
    await page.getByRole('heading', { level: 1, name: `${later.number}: Refund please` }).waitFor();
    await page.locator('li[data-type="RuleFired"]', { hasText: 'قاعدہ “Refunds to billing” ورژن 1 چلا: text contains "refund" ← priority set to high; tagged billing' }).waitFor();
    await page.getByLabel('زبان').selectOption('en');
    await page.waitForFunction(() => document.documentElement.dir === 'ltr');
    await page.locator('li[data-type="RuleFired"]', { hasText: 'Rule “Refunds to billing” v1 fired: text contains "refund" → priority set to high; tagged billing' }).waitFor();
    await page.locator('li[data-type="TicketPrioritized"]', { hasText: 'System changed the priority' }).waitFor();
    await page.locator('.ticket-side .badge.priority-high').waitFor();
    await page.locator('ul.tag-list[data-field="tags"] li', { hasText: 'billing' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'automation-rules-fired.png'), fullPage: true });
    expect(await accessibilityProblems(page)).toEqual([]);

    // The list counts the firing.
    await t.http.get('/automation/rules').query({ consistentWith: firedUpTo }).set(t.as(nadia)).expect(200);
    await page.evaluate(() => (location.hash = '#/rules'));
    await row.getByText('Fired once').waitFor();
  });

  it('writes a time-based draft (after the API named what was missing), moves it up, and enables and disables rules', async () => {
    await t.http
      .post('/automation/rules')
      .set(t.as(nadia))
      .send({ name: 'Alerts first', events: ['TicketSubmitted'], conditions: [{ field: 'category', op: 'is', values: ['alert'] }], actions: [{ type: 'set_priority', priority: 'high' }], enabled: true })
      .expect(201);

    await ui.signIn(nadia, PASSWORD);
    await page.getByRole('link', { name: 'Automation rules' }).click();
    const rows = page.locator('table.rules tbody tr');
    await rows.filter({ hasText: 'Alerts first' }).waitFor();

    await page.getByRole('button', { name: 'New rule' }).click();
    const editor = page.locator('.rule-editor');
    await editor.getByLabel('Name', { exact: true }).fill('Nudge quiet customers');
    await editor.getByRole('checkbox', { name: 'Ticket submitted' }).uncheck();
    expectedErrors.push(/status of 400 \(Bad Request\)/);
    await editor.getByRole('button', { name: 'Backtest', exact: true }).click();
    await editor.getByRole('alert').filter({ hasText: 'give exactly one' }).waitFor();

    await editor.getByRole('radio', { name: 'When a clock runs out (time-based)' }).check();
    const clock = editor.getByRole('group', { name: 'Clock', exact: true });
    await clock.getByRole('combobox', { name: 'The ticket has been', exact: true }).selectOption('waiting_on_customer');
    await clock.getByRole('spinbutton', { name: 'For', exact: true }).fill('3');
    await clock.getByRole('combobox', { name: 'Unit', exact: true }).selectOption('days');
    const action = editor.getByRole('group', { name: 'Action 1', exact: true });
    await action.getByRole('combobox', { name: 'Do', exact: true }).selectOption('internal_note');
    await action.getByLabel('Text in English').fill('No answer from {{customer.name}} for three days: call them.');
    await action.getByLabel('Text in Urdu (optional)').fill('{{customer.name}} نے تین دن سے جواب نہیں دیا: انہیں فون کریں۔');
    await editor.getByRole('button', { name: 'Save as draft' }).click();
    await editor.waitFor({ state: 'detached' });
    const nudge = rows.filter({ hasText: 'Nudge quiet customers' });
    await nudge.locator('.rule-state', { hasText: 'Disabled' }).waitFor();
    expect(await nudge.innerText()).toContain('Waiting on the customer for 3 days');
    expect(await rows.first().innerText()).toContain('Alerts first');

    await page.getByRole('button', { name: 'Move up: Nudge quiet customers' }).click();
    await rows.first().filter({ hasText: 'Nudge quiet customers' }).waitFor();
    await page.getByRole('button', { name: 'Enable: Nudge quiet customers' }).click();
    await nudge.locator('.rule-state', { hasText: 'Enabled' }).waitFor();
    await page.getByRole('button', { name: 'Disable: Alerts first' }).click();
    await rows.filter({ hasText: 'Alerts first' }).locator('.rule-state', { hasText: 'Disabled' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);

    const stored = (await t.http.get('/automation/rules').set(t.as(nadia)).expect(200)).body.items;
    expect(stored.map((r: { name: string; enabled: boolean }) => [r.name, r.enabled])).toEqual([
      ['Nudge quiet customers', true],
      ['Alerts first', false],
    ]);
    expect(stored[0]).toMatchObject({
      kind: 'time',
      events: null,
      schedule: { clock: 'waiting_on_customer', amount: 3, unit: 'days' },
      actions: [{ type: 'internal_note', text: { en: 'No answer from {{customer.name}} for three days: call them.', ur: '{{customer.name}} نے تین دن سے جواب نہیں دیا: انہیں فون کریں۔' } }],
    });
  });

  it('shows an auditor the rules, read only', async () => {
    const created = await t.http
      .post('/automation/rules')
      .set(t.as(nadia))
      .send({ name: 'Chase unassigned', schedule: { clock: 'unassigned', amount: 2, unit: 'business_hours' }, conditions: [{ field: 'priority', op: 'is', values: ['high'] }], actions: [{ type: 'route' }], enabled: true })
      .expect(201);
    await t.http.get('/automation/rules').query({ consistentWith: created.body.position }).set(t.as(omar)).expect(200);

    await ui.signIn(omar, PASSWORD);
    await page.getByRole('link', { name: 'Automation rules' }).click();
    await page.getByRole('heading', { level: 1, name: 'Automation rules' }).waitFor();
    const row = page.locator('table.rules tbody tr', { hasText: 'Chase unassigned' });
    await row.waitFor();
    const listed = await row.innerText();
    for (const words of ['Time-based', 'Unassigned for 2 business hours', 'Priority is High', 'Hand to routing', 'Enabled']) expect(listed).toContain(words);
    expect(await page.locator('main button').count()).toBe(0);
    expect(await page.locator('main form').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'automation-rules-auditor.png'), fullPage: true });
    expect(await accessibilityProblems(page)).toEqual([]);
  });
});
