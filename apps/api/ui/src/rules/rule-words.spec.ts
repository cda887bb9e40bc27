import { translator } from '../i18n/i18n';
import { actionText, conditionText, whenText } from './rule-words';

const en = translator('en');
const ur = translator('ur');

describe('a rule in words, for the list', () => {
  it('says what a trigger waits for and what a time-based rule’s clock is', () => {
    expect(whenText(en, { events: ['TicketSubmitted', 'CommentAdded'], schedule: null })).toBe('Ticket submitted, Reply or note added');
    expect(whenText(en, { events: null, schedule: { clock: 'unassigned', amount: 2, unit: 'business_hours' } })).toBe('Unassigned for 2 business hours');
    expect(whenText(ur, { events: null, schedule: { clock: 'waiting_on_customer', amount: 1, unit: 'days' } })).toBe('صارف کے جواب کا منتظر، 1 دن تک');
  });

  it('names fields, operators and known values in the agent’s language, written values as written', () => {
    expect(conditionText(en, { field: 'priority', op: 'is_not', values: ['high', 'low'] })).toBe('Priority is not High, Low');
    expect(conditionText(en, { field: 'text', op: 'contains', values: ['refund'] })).toBe('Subject, description or comment contains any of refund');
    expect(conditionText(ur, { field: 'priority', op: 'is', values: ['high'] })).toBe('ترجیح زیادہ ہے');
    expect(conditionText(en, { field: 'assignee', op: 'is_not_set' }).trim()).toBe('Assignee is not set');
  });

  it('says what each action does', () => {
    expect(actionText(en, { type: 'set_priority', priority: 'high' })).toBe('Set the priority to High');
    expect(actionText(en, { type: 'add_tags', tags: ['billing', 'refund'] })).toBe('Add tags billing, refund');
    expect(actionText(en, { type: 'set_team', team: null })).toBe('Take it off its team');
    expect(actionText(en, { type: 'notify', to: 'assignee', subject: 'Refund', text: { en: 'x', ur: null } })).toBe('Notify the assignee: Refund');
    expect(actionText(en, { type: 'notify', to: 'lead@helpdesk.test', subject: 'Refund', text: { en: 'x', ur: null } })).toBe('Notify lead@helpdesk.test: Refund');
    expect(actionText(ur, { type: 'set_category', category: 'alert' })).toBe('زمرہ انتباہ کریں');
  });
});
