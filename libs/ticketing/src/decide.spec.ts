import { Actor } from './actor';
import { TicketCommand } from './ticket-commands';
import { TicketEvent } from './ticket-events';
import { RuleFiring } from './rule-firing';
import { given } from './testing/ticket-spec';

const customer: Actor = { id: 'cust-1', role: 'customer' };
const ali: Actor = { id: 'agent-ali', role: 'agent' };
const sara: Actor = { id: 'agent-sara', role: 'agent' };
const supervisor: Actor = { id: 'sup-1', role: 'supervisor' };
const auditor: Actor = { id: 'aud-1', role: 'auditor' };

const submitted: TicketEvent = {
  type: 'TicketSubmitted',
  data: {
    ticketId: 't1',
    number: 'HD-000001',
    subject: 'Cannot log in',
    description: 'The login page says my password is wrong',
    channel: 'web',
    customer: { name: 'Ayesha Khan', email: 'ayesha@example.pk', timezone: 'Asia/Karachi', language: 'ur' },
    category: 'incident',
    priority: 'medium',
    errorMessages: ['E401'],
    stepsToReproduce: null,
    impact: null,
  },
};
const assignedToAli: TicketEvent = { type: 'TicketAssigned', data: { agentId: 'agent-ali', previousAgentId: null, reason: null } };
const acknowledged: TicketEvent = { type: 'AssignmentAcknowledged', data: { agentId: 'agent-ali', note: null } };
const started: TicketEvent = { type: 'WorkStarted', data: { agentId: 'agent-ali', note: null } };
const waiting: TicketEvent = { type: 'WaitingOnCustomer', data: { note: null } };
const resolved = (occurredAt = '2026-01-05T06:00:00.000Z') =>
  ({ type: 'TicketResolved', data: { resolution: 'Password reset' }, occurredAt }) as TicketEvent & { occurredAt: string };
const confirmed: TicketEvent = { type: 'ResolutionConfirmed', data: { note: null } };
const closed: TicketEvent = { type: 'TicketClosed', data: { reason: 'confirmed', note: null } };
const working = [submitted, assignedToAli, acknowledged, started];

describe('SubmitTicket', () => {
  const submit = (category?: 'emergency'): Extract<TicketCommand, { type: 'SubmitTicket' }> =>
    ({
      type: 'SubmitTicket',
      data: {
        ticketId: 't1',
        number: 'HD-000001',
        subject: '  Cannot log in ',
        description: 'The login page says my password is wrong',
        channel: 'web',
        customer: submitted.type === 'TicketSubmitted' ? submitted.data.customer : (undefined as never),
        category,
        errorMessages: ['E401'],
      },
    });

  it('records a new ticket, medium priority and general category by default', () => {
    given()
      .when(submit(), customer)
      .then([{ ...submitted, data: { ...(submitted as any).data, category: 'general', priority: 'medium' } } as TicketEvent]);
  });
  it('makes an emergency high priority from the start', () => {
    given()
      .when(submit('emergency'), customer)
      .then([{ ...submitted, data: { ...(submitted as any).data, category: 'emergency', priority: 'high' } } as TicketEvent]);
  });
  it('refuses a second submission of the same ticket', () => {
    given(submitted).when(submit(), customer).thenFails('ticket_already_exists', /HD-000001 already exists/);
  });
  it('refuses a blank subject', () => {
    given()
      .when({ ...submit(), data: { ...submit().data, subject: '   ' } }, customer)
      .thenFails('invalid_command', /subject must not be empty/);
  });
  it('refuses auditors', () => {
    given().when(submit(), auditor).thenFails('not_allowed');
  });
  it.each(['phone', 'email'] as const)('refuses a customer claiming the %s channel', (channel) => {
    given()
      .when({ ...submit(), data: { ...submit().data, channel } }, customer)
      .thenFails('not_allowed', new RegExp(`${channel} tickets are recorded by the helpdesk`));
  });
  it('lets a customer submit through the API', () => {
    given()
      .when({ ...submit(), data: { ...submit().data, channel: 'api' } }, customer)
      .then([{ ...submitted, data: { ...(submitted as any).data, channel: 'api', category: 'general' } } as TicketEvent]);
  });
  it('records a phone call an agent takes: the caller is the customer, whoever their email is', () => {
    const caller = { name: 'Bilal Ahmed', email: 'bilal@example.pk', phone: '+92 300 1234567', timezone: 'Asia/Karachi', language: 'ur' as const };
    given()
      .when({ ...submit(), data: { ...submit().data, channel: 'phone', customer: caller } }, ali)
      .then([{ ...submitted, data: { ...(submitted as any).data, channel: 'phone', customer: caller, category: 'general' } } as TicketEvent]);
  });
});

describe('AssignTicket', () => {
  it('assigns a new ticket', () => {
    given(submitted).when({ type: 'AssignTicket', data: { agentId: 'agent-ali' } }, supervisor).then([assignedToAli]);
  });
  it('reassigns, remembering the previous agent and the reason', () => {
    given(...working)
      .when({ type: 'AssignTicket', data: { agentId: 'agent-sara', reason: 'Ali is on leave' } }, supervisor)
      .then([{ type: 'TicketAssigned', data: { agentId: 'agent-sara', previousAgentId: 'agent-ali', reason: 'Ali is on leave' } }]);
  });
  it('refuses to assign to the current assignee', () => {
    given(submitted, assignedToAli).when({ type: 'AssignTicket', data: { agentId: 'agent-ali' } }, supervisor).thenFails('illegal_transition', /already assigned to agent-ali/);
  });
  it.each([
    ['resolved', [...working, resolved()]],
    ['closed', [...working, resolved(), confirmed, closed]],
  ])('refuses a %s ticket', (_, history) => {
    given(...(history as TicketEvent[])).when({ type: 'AssignTicket', data: { agentId: 'agent-sara' } }, supervisor).thenFails('illegal_transition');
  });
  it('refuses customers', () => {
    given(submitted).when({ type: 'AssignTicket', data: { agentId: 'agent-ali' } }, customer).thenFails('not_allowed', /Only support staff/);
  });
});

describe('AcknowledgeAssignment', () => {
  it('is recorded for the assignee', () => {
    given(submitted, assignedToAli).when({ type: 'AcknowledgeAssignment', data: {} }, ali).then([acknowledged]);
  });
  it('is refused to anyone but the assignee', () => {
    given(submitted, assignedToAli).when({ type: 'AcknowledgeAssignment', data: {} }, sara).thenFails('not_allowed', /only the assignee/);
  });
  it('is refused on an unassigned ticket', () => {
    given(submitted).when({ type: 'AcknowledgeAssignment', data: {} }, ali).thenFails('illegal_transition', /is new/);
  });
  it('is refused twice', () => {
    given(submitted, assignedToAli, acknowledged).when({ type: 'AcknowledgeAssignment', data: {} }, ali).thenFails('illegal_transition', /already acknowledged/);
  });
});

describe('PrioritizeTicket', () => {
  it('records the change with the previous priority and the reason', () => {
    given(submitted)
      .when({ type: 'PrioritizeTicket', data: { priority: 'high', reason: 'Payroll is down' } }, ali)
      .then([{ type: 'TicketPrioritized', data: { priority: 'high', previousPriority: 'medium', reason: 'Payroll is down' } }]);
  });
  it('refuses the priority the ticket already has', () => {
    given(submitted).when({ type: 'PrioritizeTicket', data: { priority: 'medium' } }, ali).thenFails('illegal_transition', /already medium/);
  });
  it('refuses a closed ticket', () => {
    given(...working, resolved(), confirmed, closed).when({ type: 'PrioritizeTicket', data: { priority: 'low' } }, ali).thenFails('illegal_transition', /closed/);
  });
  it('refuses customers', () => {
    given(submitted).when({ type: 'PrioritizeTicket', data: { priority: 'high' } }, customer).thenFails('not_allowed');
  });
});

describe('CategorizeTicket', () => {
  it('records the new and the previous category', () => {
    given(submitted)
      .when({ type: 'CategorizeTicket', data: { category: 'emergency' } }, ali)
      .then([{ type: 'TicketCategorized', data: { category: 'emergency', previousCategory: 'incident' } }]);
  });
  it('refuses the same category', () => {
    given(submitted).when({ type: 'CategorizeTicket', data: { category: 'incident' } }, ali).thenFails('illegal_transition');
  });
  it('refuses a closed ticket', () => {
    given(...working, resolved(), confirmed, closed).when({ type: 'CategorizeTicket', data: { category: 'question' } }, ali).thenFails('illegal_transition');
  });
});

describe('TagTicket', () => {
  const tagged = (added: string[], removed: string[], tags: string[]): TicketEvent => ({ type: 'TicketTagsChanged', data: { added, removed, tags } });
  it('adds tags, normalised: lower case, spaces as "-", each once, Urdu too', () => {
    given(submitted)
      .when({ type: 'TagTicket', data: { add: ['VIP Customer', 'vip-customer', ' بجلی ', 'billing_2026'] } }, ali)
      .then([tagged(['vip-customer', 'بجلی', 'billing_2026'], [], ['vip-customer', 'بجلی', 'billing_2026'])]);
  });
  it('adds and removes in one step, recording only what changed', () => {
    given(submitted, tagged(['vip', 'billing'], [], ['vip', 'billing']))
      .when({ type: 'TagTicket', data: { add: ['vip', 'outage'], remove: ['billing', 'never-there'] } }, supervisor)
      .then([tagged(['outage'], ['billing'], ['vip', 'outage'])]);
  });
  it('refuses a change that changes nothing', () => {
    given(submitted, tagged(['vip'], [], ['vip'])).when({ type: 'TagTicket', data: { add: ['VIP'], remove: ['other'] } }, ali).thenFails('illegal_transition', /already has those tags/);
  });
  it('refuses what is not a tag, naming it', () => {
    for (const bad of ['', '   ', '-leading', 'semi;colon', 'a'.repeat(41), '<script>', 'a.b']) {
      given(submitted).when({ type: 'TagTicket', data: { add: [bad] } }, ali).thenFails('invalid_command', /is not a tag/);
    }
  });
  it('refuses an empty change, and a tag both added and removed', () => {
    given(submitted).when({ type: 'TagTicket', data: {} }, ali).thenFails('invalid_command', /to add or to remove/);
    given(submitted).when({ type: 'TagTicket', data: { add: ['vip'], remove: ['VIP'] } }, ali).thenFails('invalid_command', /both added and removed/);
  });
  it('keeps a ticket at 20 tags at most', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => `t${i}`);
    given(submitted, tagged(twenty, [], twenty)).when({ type: 'TagTicket', data: { add: ['one-more'] } }, ali).thenFails('invalid_command', /at most 20 tags/);
    given(submitted, tagged(twenty, [], twenty)).when({ type: 'TagTicket', data: { add: ['one-more'], remove: ['t0'] } }, ali).then([tagged(['one-more'], ['t0'], [...twenty.slice(1), 'one-more'])]);
  });
  it('tags a closed ticket too (tags label the record)', () => {
    given(...working, resolved(), confirmed, closed).when({ type: 'TagTicket', data: { add: ['refund'] } }, ali).then([tagged(['refund'], [], ['refund'])]);
  });
  it('is for staff only', () => {
    given(submitted).when({ type: 'TagTicket', data: { add: ['vip'] } }, customer).thenFails('not_allowed');
    given(submitted).when({ type: 'TagTicket', data: { add: ['vip'] } }, auditor).thenFails('not_allowed');
  });
});

describe('SetTeam', () => {
  const system: Actor = { id: 'automation', role: 'system' };
  const teamChanged = (team: string | null, previousTeam: string | null, reason: string | null = null): TicketEvent => ({ type: 'TicketTeamChanged', data: { team, previousTeam, reason } });
  it('routes a ticket to a team, trimmed, with the reason given', () => {
    given(submitted).when({ type: 'SetTeam', data: { team: '  Billing ', reason: 'rule: invoices' } }, system).then([teamChanged('Billing', null, 'rule: invoices')]);
  });
  it('moves it from one team to another, and off its team', () => {
    given(submitted, teamChanged('Billing', null)).when({ type: 'SetTeam', data: { team: 'Network' } }, supervisor).then([teamChanged('Network', 'Billing')]);
    given(submitted, teamChanged('Billing', null)).when({ type: 'SetTeam', data: { team: null } }, { id: 'admin-1', role: 'admin' }).then([teamChanged(null, 'Billing')]);
  });
  it('refuses a change that changes nothing', () => {
    given(submitted, teamChanged('Billing', null)).when({ type: 'SetTeam', data: { team: 'Billing' } }, supervisor).thenFails('illegal_transition', /already with team Billing/);
    given(submitted).when({ type: 'SetTeam', data: { team: null } }, supervisor).thenFails('illegal_transition', /with no team already/);
  });
  it('refuses a closed ticket, but routes a resolved one', () => {
    given(...working, resolved(), confirmed, closed).when({ type: 'SetTeam', data: { team: 'Billing' } }, supervisor).thenFails('illegal_transition', /is closed and cannot be routed to a team/);
    given(...working, resolved()).when({ type: 'SetTeam', data: { team: 'Billing' } }, supervisor).then([teamChanged('Billing', null)]);
  });
  it('refuses what is not a team name, naming the problem', () => {
    given(submitted).when({ type: 'SetTeam', data: { team: '   ' } }, supervisor).thenFails('invalid_command', /team must not be empty/);
    given(submitted).when({ type: 'SetTeam', data: { team: 'x'.repeat(61) } }, supervisor).thenFails('invalid_command', /at most 60 characters/);
  });
  it('is for supervisors, admins and the system: not agents, customers or auditors', () => {
    given(submitted).when({ type: 'SetTeam', data: { team: 'Billing' } }, ali).thenFails('not_allowed', /agent cannot route tickets to a team/);
    given(submitted).when({ type: 'SetTeam', data: { team: 'Billing' } }, customer).thenFails('not_allowed');
    given(submitted).when({ type: 'SetTeam', data: { team: 'Billing' } }, auditor).thenFails('not_allowed');
  });
});

describe('RecordRuleFiring', () => {
  const system: Actor = { id: 'automation', role: 'system' };
  const firing: RuleFiring = {
    ruleId: 'rule-1',
    ruleName: 'Urgent outages',
    ruleVersion: 3,
    trigger: { kind: 'event', eventId: 'e-1', eventType: 'TicketSubmitted' },
    matched: ['category is incident'],
    actions: ['priority set to high', 'notified the assignee (agent-ali)'],
    depth: 1,
    outcome: 'applied',
    reason: null,
    notify: [{ to: 'agent:agent-ali', subject: 'Outage HD-000001', body: 'Look at it now' }],
  };
  it('records the firing as given, for the system', () => {
    given(submitted).when({ type: 'RecordRuleFiring', data: firing }, system).then([{ type: 'RuleFired', data: firing }]);
  });
  it('records a firing stopped by the loop bound, and one on a closed ticket (tags and notices apply there)', () => {
    const stopped: RuleFiring = { ...firing, depth: 6, outcome: 'loop_stopped', reason: 'Stopped: 5 rule firings in a row led here', notify: [] };
    given(submitted).when({ type: 'RecordRuleFiring', data: stopped }, system).then([{ type: 'RuleFired', data: stopped }]);
    given(...working, resolved(), confirmed, closed).when({ type: 'RecordRuleFiring', data: firing }, system).then([{ type: 'RuleFired', data: firing }]);
  });
  it('is for the system only', () => {
    for (const actor of [ali, supervisor, customer, auditor, { id: 'admin-1', role: 'admin' } as Actor]) {
      given(submitted).when({ type: 'RecordRuleFiring', data: firing }, actor).thenFails('not_allowed', /cannot record automation rule firings/);
    }
  });
  it('needs a ticket that exists', () => {
    given().when({ type: 'RecordRuleFiring', data: firing }, system).thenFails('ticket_not_found');
  });
});

describe('StartWork', () => {
  it('starts work on an acknowledged ticket', () => {
    given(submitted, assignedToAli, acknowledged).when({ type: 'StartWork', data: {} }, ali).then([started]);
  });
  it('acknowledges on the way when the assignee had not yet', () => {
    given(submitted, assignedToAli).when({ type: 'StartWork', data: {} }, ali).then([acknowledged, started]);
  });
  it('resumes a ticket waiting on the customer', () => {
    given(...working, waiting).when({ type: 'StartWork', data: {} }, ali).then([{ type: 'WorkResumed', data: { reason: 'agent_resumed' } }]);
  });
  it('is refused to anyone but the assignee', () => {
    given(submitted, assignedToAli).when({ type: 'StartWork', data: {} }, sara).thenFails('not_allowed');
  });
  it.each([
    ['new', [submitted]],
    ['in progress', working],
    ['resolved', [...working, resolved()]],
  ])('is refused on a %s ticket', (_, history) => {
    given(...(history as TicketEvent[])).when({ type: 'StartWork', data: {} }, ali).thenFails('illegal_transition');
  });
});

describe('AddComment', () => {
  const comment = (visibility: 'public' | 'internal', body = 'Looking into it') =>
    ({ type: 'AddComment', data: { commentId: 'c1', body, visibility } }) as const;
  it('records an agent reply', () => {
    given(...working).when(comment('public'), ali).then([{ type: 'CommentAdded', data: { commentId: 'c1', body: 'Looking into it', visibility: 'public', author: 'agent' } }]);
  });
  it('records an internal note', () => {
    given(submitted).when(comment('internal'), sara).then([{ type: 'CommentAdded', data: { commentId: 'c1', body: 'Looking into it', visibility: 'internal', author: 'agent' } }]);
  });
  it('lets the customer reply, which resumes a ticket waiting on them', () => {
    given(...working, waiting)
      .when(comment('public', 'Here is the screenshot'), customer)
      .then([
        { type: 'CommentAdded', data: { commentId: 'c1', body: 'Here is the screenshot', visibility: 'public', author: 'customer' } },
        { type: 'WorkResumed', data: { reason: 'customer_replied' } },
      ]);
  });
  it('refuses internal notes from customers', () => {
    given(submitted).when(comment('internal'), customer).thenFails('not_allowed', /internal notes/);
  });
  it('refuses an empty body', () => {
    given(submitted).when(comment('public', ' '), ali).thenFails('invalid_command', /body/);
  });
  it('refuses auditors', () => {
    given(submitted).when(comment('public'), auditor).thenFails('not_allowed');
  });
  it('refuses a closed ticket', () => {
    given(...working, resolved(), confirmed, closed).when(comment('public'), customer).thenFails('illegal_transition', /reopen/);
  });
  describe('a reply the mail channel records for the customer', () => {
    const mail: Actor = { id: 'mail', role: 'system' };
    const attachment = { attachmentId: 'a1', sha256: 'ab'.repeat(32), filename: 'screen.png', contentType: 'image/png', size: 10 };
    const fromMail: Extract<TicketCommand, { type: 'AddComment' }> = {
      type: 'AddComment',
      data: { commentId: 'c1', body: 'Still broken', visibility: 'public', author: 'customer', attachments: [attachment], source: { channel: 'email', mailId: 'm1' } },
    };
    it('is the customer\'s comment, with its attachments and source, and resumes a waiting ticket', () => {
      given(...working, waiting)
        .when(fromMail, mail)
        .then([
          { type: 'CommentAdded', data: { commentId: 'c1', body: 'Still broken', visibility: 'public', author: 'customer', attachments: [attachment], source: { channel: 'email', mailId: 'm1' } } },
          { type: 'WorkResumed', data: { reason: 'customer_replied' } },
        ]);
    });
    it('cannot be claimed by an agent', () => {
      given(...working).when(fromMail, ali).thenFails('not_allowed', /on the customer's behalf/);
    });
    it('cannot be an internal note', () => {
      given(...working).when({ ...fromMail, data: { ...fromMail.data, visibility: 'internal' } }, mail).thenFails('not_allowed', /internal notes/);
    });
  });
});

describe('WaitOnCustomer', () => {
  it('puts a ticket in progress on hold', () => {
    given(...working).when({ type: 'WaitOnCustomer', data: { note: 'Asked for logs' } }, ali).then([{ type: 'WaitingOnCustomer', data: { note: 'Asked for logs' } }]);
  });
  it.each([
    ['new', [submitted]],
    ['waiting', [...working, waiting]],
  ])('is refused on a %s ticket', (_, history) => {
    given(...(history as TicketEvent[])).when({ type: 'WaitOnCustomer', data: {} }, ali).thenFails('illegal_transition');
  });
});

describe('ResolveTicket', () => {
  it('resolves a ticket in progress', () => {
    given(...working).when({ type: 'ResolveTicket', data: { resolution: 'Password reset' } }, ali).then([
      { type: 'TicketResolved', data: { resolution: 'Password reset' } },
      { type: 'SatisfactionOffered', data: { offerId: 'HD-000001-R1', changeableUntil: '2026-01-12T07:00:00.000Z' } },
    ]);
  });
  it('resolves a ticket waiting on the customer', () => {
    given(...working, waiting).when({ type: 'ResolveTicket', data: { resolution: 'Password reset' } }, ali).then([
      { type: 'TicketResolved', data: { resolution: 'Password reset' } },
      { type: 'SatisfactionOffered', data: { offerId: 'HD-000001-R1', changeableUntil: '2026-01-12T07:00:00.000Z' } },
    ]);
  });
  it('tells the agent to start work first on an assigned ticket', () => {
    given(submitted, assignedToAli).when({ type: 'ResolveTicket', data: { resolution: 'x' } }, ali).thenFails('illegal_transition', /start work first/);
  });
  it('refuses a resolved ticket', () => {
    given(...working, resolved()).when({ type: 'ResolveTicket', data: { resolution: 'again' } }, ali).thenFails('illegal_transition', /is resolved/);
  });
  it('refuses an empty resolution', () => {
    given(...working).when({ type: 'ResolveTicket', data: { resolution: '' } }, ali).thenFails('invalid_command');
  });
});

describe('ConfirmResolution', () => {
  it('records the customer confirmation', () => {
    given(...working, resolved()).when({ type: 'ConfirmResolution', data: {} }, customer).then([confirmed]);
  });
  it('is only for the customer', () => {
    given(...working, resolved()).when({ type: 'ConfirmResolution', data: {} }, ali).thenFails('not_allowed', /Only the customer/);
  });
  it('is refused before resolution', () => {
    given(...working).when({ type: 'ConfirmResolution', data: {} }, customer).thenFails('illegal_transition', /Only a resolved ticket/);
  });
  it('is refused twice', () => {
    given(...working, resolved(), confirmed).when({ type: 'ConfirmResolution', data: {} }, customer).thenFails('illegal_transition', /already confirmed/);
  });
});

describe('RejectResolution', () => {
  it('records the rejection and reopens the ticket', () => {
    given(...working, resolved())
      .when({ type: 'RejectResolution', data: { reason: 'Still cannot log in' } }, customer)
      .then([
        { type: 'ResolutionRejected', data: { reason: 'Still cannot log in' } },
        { type: 'TicketReopened', data: { reason: 'Still cannot log in' } },
      ]);
  });
  it('needs a reason', () => {
    given(...working, resolved()).when({ type: 'RejectResolution', data: { reason: '' } }, customer).thenFails('invalid_command');
  });
  it('is refused after confirmation', () => {
    given(...working, resolved(), confirmed).when({ type: 'RejectResolution', data: { reason: 'x' } }, customer).thenFails('illegal_transition', /reopen/);
  });
  it('is refused before resolution', () => {
    given(...working).when({ type: 'RejectResolution', data: { reason: 'x' } }, customer).thenFails('illegal_transition');
  });
  it('is only for the customer', () => {
    given(...working, resolved()).when({ type: 'RejectResolution', data: { reason: 'x' } }, ali).thenFails('not_allowed');
  });
});

describe('CloseTicket', () => {
  it('closes a confirmed resolution', () => {
    given(...working, resolved(), confirmed).when({ type: 'CloseTicket', data: {} }, ali).then([closed]);
  });
  it('closes an unconfirmed resolution once the customer has been silent long enough', () => {
    given(...working, resolved('2026-01-01T00:00:00.000Z'))
      .when({ type: 'CloseTicket', data: {} }, ali, { now: new Date('2026-01-08T00:00:00.000Z'), autoCloseAfterDays: 7 })
      .then([{ type: 'TicketClosed', data: { reason: 'no_customer_response', note: null } }]);
  });
  it('refuses an unconfirmed resolution too early, saying when it can be closed', () => {
    given(...working, resolved('2026-01-01T00:00:00.000Z'))
      .when({ type: 'CloseTicket', data: {} }, ali, { now: new Date('2026-01-07T23:59:00.000Z'), autoCloseAfterDays: 7 })
      .thenFails('illegal_transition', /after 7 days without an answer \(6 so far\)/);
  });
  it('refuses a ticket that is not resolved', () => {
    given(...working).when({ type: 'CloseTicket', data: {} }, ali).thenFails('illegal_transition', /Only a resolved ticket/);
  });
  it('refuses a closed ticket', () => {
    given(...working, resolved(), confirmed, closed).when({ type: 'CloseTicket', data: {} }, ali).thenFails('illegal_transition', /already closed/);
  });
  it('is for staff', () => {
    given(...working, resolved(), confirmed).when({ type: 'CloseTicket', data: {} }, customer).thenFails('not_allowed');
  });
});

describe('ReopenTicket', () => {
  const reopen = { type: 'ReopenTicket', data: { reason: 'It broke again' } } as const;
  it('reopens a closed ticket', () => {
    given(...working, resolved(), confirmed, closed).when(reopen, customer).then([{ type: 'TicketReopened', data: { reason: 'It broke again' } }]);
  });
  it('reopens a resolved ticket', () => {
    given(...working, resolved()).when(reopen, ali).then([{ type: 'TicketReopened', data: { reason: 'It broke again' } }]);
  });
  it('refuses an open ticket', () => {
    given(...working).when(reopen, customer).thenFails('illegal_transition', /in progress/);
  });
  it('refuses auditors', () => {
    given(...working, resolved()).when(reopen, auditor).thenFails('not_allowed');
  });
});

describe('a command on a ticket that was never submitted', () => {
  it('is refused as not found', () => {
    given().when({ type: 'StartWork', data: {} }, ali).thenFails('ticket_not_found');
  });
});

describe('who can reach a ticket', () => {
  it('hides another customer’s ticket exactly as an unknown one', () => {
    given(...working, resolved())
      .when({ type: 'ConfirmResolution', data: {} }, { id: 'cust-2', role: 'customer' }, { scope: { email: 'bilal@example.pk' } })
      .thenFails('ticket_not_found', /Ticket t1 does not exist/);
    given(submitted)
      .when({ type: 'AddComment', data: { commentId: 'c1', body: 'hi', visibility: 'public' } }, { id: 'cust-2', role: 'customer' }, { scope: {} })
      .thenFails('ticket_not_found');
  });
  it('matches the customer by email, whatever its case', () => {
    given(...working, resolved())
      .when({ type: 'ConfirmResolution', data: {} }, { id: 'cust-9', role: 'customer' }, { scope: { email: 'Ayesha@Example.PK' } })
      .then([confirmed]);
  });
  it('lets customers submit under their own email only', () => {
    const data = (submitted as Extract<TicketEvent, { type: 'TicketSubmitted' }>).data;
    const command: TicketCommand = {
      type: 'SubmitTicket',
      data: { ...data, stepsToReproduce: undefined, impact: undefined, customer: { ...data.customer, email: 'someone.else@example.pk' } },
    };
    given().when(command, customer).thenFails('not_allowed', /own email address/);
    given().when(command, ali).then([{ ...submitted, data: { ...data, customer: { ...data.customer, email: 'someone.else@example.pk' } } }]);
  });
});

describe('permissions come from one table', () => {
  it.each([
    ['AssignTicket', { agentId: 'agent-ali' }, customer, /Only support staff can assign tickets; you are signed in as customer/],
    ['ResolveTicket', { resolution: 'x' }, auditor, /Only support staff can resolve tickets/],
    ['ConfirmResolution', {}, supervisor, /Only the customer can confirm a resolution/],
    ['ReopenTicket', { reason: 'x' }, { id: 'ana-1', role: 'analyst' }, /A analyst cannot reopen tickets/],
  ] as const)('%s is refused to the wrong role', (type, data, actor, message) => {
    given(...working, resolved()).when({ type, data } as TicketCommand, actor as Actor).thenFails('not_allowed', message);
  });
  it('lets an agent take an unassigned ticket, but not assign others or reassign', () => {
    given(submitted).when({ type: 'AssignTicket', data: { agentId: 'agent-ali' } }, ali).then([assignedToAli]);
    given(submitted).when({ type: 'AssignTicket', data: { agentId: 'agent-sara' } }, ali).thenFails('not_allowed', /supervisors/);
    given(submitted, assignedToAli).when({ type: 'AssignTicket', data: { agentId: 'agent-sara' } }, sara).thenFails('not_allowed', /supervisors/);
  });
});
