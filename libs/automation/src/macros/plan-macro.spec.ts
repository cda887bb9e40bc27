import { Ticket } from '@helpdesk/ticketing';
import { MacroContent } from './macro';
import { planMacro } from './plan-macro';
import { Macro } from './macro-state';

const content: MacroContent = {
  name: 'Password reset',
  reply: { en: 'Dear {{customer.name}}, {{ticket.number}} ({{ticket.subject}}) is done. {{agent.name}}', ur: '{{customer.name}} صاحب، {{ticket.number}} مکمل۔ {{ agent.name }}' },
  visibility: 'public',
  changes: { priority: 'high', category: 'question', addTags: ['password', 'vip'], removeTags: ['new'] },
};
const macro: Macro = { id: 'm1', version: 1, content, retired: false };
const ticket: Ticket = {
  id: 't1',
  number: 'HD-000007',
  subject: 'Cannot sign in',
  status: 'in_progress',
  priority: 'medium',
  category: 'incident',
  customer: { name: 'Ayesha Khan', email: 'ayesha@example.pk', timezone: 'Asia/Karachi', language: 'en' },
  assigneeId: 'agent-ali',
  team: null,
  acknowledged: true,
  resolvedAt: null,
  resolutionConfirmed: false,
  tags: ['new', 'vip'],
};
const given = { agentName: 'Ali Raza', commentId: 'c1' };

describe('applying a macro', () => {
  it('given a ticket in English, when the macro is planned, then the reply is filled in and only what changes is changed', () => {
    expect(planMacro(macro, ticket, given)).toEqual([
      { type: 'AddComment', data: { commentId: 'c1', body: 'Dear Ayesha Khan, HD-000007 (Cannot sign in) is done. Ali Raza', visibility: 'public' } },
      { type: 'PrioritizeTicket', data: { priority: 'high', reason: 'macro: Password reset' } },
      { type: 'CategorizeTicket', data: { category: 'question' } },
      { type: 'TagTicket', data: { add: ['password'], remove: ['new'] } },
    ]);
  });
  it('given an Urdu-speaking customer, then the Urdu reply; with no Urdu text, the English one', () => {
    const urdu = { ...ticket, customer: { ...ticket.customer, language: 'ur' as const } };
    expect(planMacro(macro, urdu, given)[0]).toMatchObject({ data: { body: 'Ayesha Khan صاحب، HD-000007 مکمل۔ Ali Raza' } });
    const englishOnly = { ...macro, content: { ...content, reply: { en: 'Hi {{customer.name}}', ur: null } } };
    expect(planMacro(englishOnly, urdu, given)[0]).toMatchObject({ data: { body: 'Hi Ayesha Khan' } });
  });
  it('given a ticket already as the macro leaves it, then only the reply', () => {
    const done = { ...ticket, priority: 'high' as const, category: 'question' as const, tags: ['password', 'vip'] };
    expect(planMacro(macro, done, given).map((c) => c.type)).toEqual(['AddComment']);
    const noReply = { ...macro, content: { ...content, reply: null } };
    expect(planMacro(noReply, done, given)).toEqual([]);
  });
  it('given an internal macro, then an internal note', () => {
    expect(planMacro({ ...macro, content: { ...content, visibility: 'internal' } }, ticket, given)[0]).toMatchObject({ data: { visibility: 'internal' } });
  });
});
