import { translator } from '../i18n/i18n';
import { TicketState } from './audit-types';
import { changedFields, stateRows } from './ticket-state-rows';

const submitted: TicketState = {
  id: '7d9f1f4e-2b7a-4c1e-9a7e-1b2c3d4e5f60',
  number: 'HD-000001',
  subject: 'Cannot sign in',
  status: 'new',
  priority: 'medium',
  category: 'incident',
  customer: { name: 'Ayesha Khan', email: 'ayesha@example.pk', timezone: 'Asia/Karachi', language: 'ur' } as TicketState['customer'],
  assigneeId: null,
  team: null,
  acknowledged: false,
  resolvedAt: null,
  resolutionConfirmed: false,
};
const iso = (s: string) => `at ${s}`;

describe('a ticket state as rows', () => {
  it('reads every followed field in English, with a dash for what the ticket does not have', () => {
    const rows = Object.fromEntries(stateRows(translator('en'), iso, submitted).map((r) => [r.field, r.value]));
    expect(rows).toEqual({
      status: 'New',
      priority: 'Medium',
      category: 'Incident',
      assigneeId: '—',
      acknowledged: 'no',
      team: '—',
      tags: '—',
      resolvedAt: '—',
      resolutionConfirmed: 'no',
      resolutions: '0',
      satisfaction: 'not asked',
      customer: 'Ayesha Khan <ayesha@example.pk>',
    });
  });

  it('reads a resolved and rated ticket in Urdu', () => {
    const resolved: TicketState = { ...submitted, status: 'resolved', assigneeId: 'agent-ali', acknowledged: true, resolvedAt: '2026-01-05T05:00:00.000Z', resolutions: 1, satisfaction: { offerId: 'HD-000001-1', changeableUntil: '2026-01-12T04:00:00.000Z', score: 4, voided: false, frozen: false }, tags: ['vpn', 'vip'] };
    const rows = Object.fromEntries(stateRows(translator('ur'), iso, resolved).map((r) => [r.field, r.value]));
    expect(rows).toMatchObject({ status: 'حل شدہ', assigneeId: 'agent-ali', acknowledged: 'ہاں', resolvedAt: 'at 2026-01-05T05:00:00.000Z', tags: 'vpn, vip', satisfaction: '5 میں سے 4 درجہ' });
  });

  it('names the fields a step changed with what they were, and none for the first step', () => {
    const t = translator('en');
    const before = stateRows(t, iso, submitted);
    const after = stateRows(t, iso, { ...submitted, status: 'assigned', assigneeId: 'agent-ali' });
    expect(changedFields(before, after)).toEqual(new Map([['status', 'New'], ['assigneeId', '—']]));
    expect(changedFields(null, after)).toEqual(new Map());
  });
});
