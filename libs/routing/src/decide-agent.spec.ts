import type { Actor } from '@helpdesk/ticketing';
import { AgentCommand } from './agent-commands';
import { AgentEvent } from './agent-events';
import { given } from './testing/agent-spec';
import { NINE_TO_FIVE } from './testing/agents';

const supervisor: Actor = { id: 'sup-1', role: 'supervisor' };
const admin: Actor = { id: 'admin-1', role: 'admin' };
const system: Actor = { id: 'presence', role: 'system' };
const ali: Actor = { id: 'agent-ali', role: 'agent' };
const sara: Actor = { id: 'agent-sara', role: 'agent' };

type Register = Extract<AgentCommand, { type: 'RegisterAgent' }>;
const register = (data: Partial<Register['data']> = {}): Register => ({
  type: 'RegisterAgent',
  data: {
    agentId: 'agent-ali',
    name: 'Ali Raza',
    email: 'ali@helpdesk.example',
    teams: ['support'],
    skills: ['incident', 'question'],
    languages: ['ur', 'en'],
    timeZone: 'Asia/Karachi',
    workingHours: NINE_TO_FIVE,
    maxOpenTickets: 5,
    ...data,
  },
});
const registered: AgentEvent = {
  type: 'AgentRegistered',
  data: {
    agentId: 'agent-ali',
    name: 'Ali Raza',
    email: 'ali@helpdesk.example',
    role: 'agent',
    teams: ['support'],
    skills: ['question', 'incident'],
    languages: ['en', 'ur'],
    timeZone: 'Asia/Karachi',
    workingHours: NINE_TO_FIVE,
    maxOpenTickets: 5,
  },
};
const online: AgentEvent = { type: 'AgentAvailabilityChanged', data: { availability: 'online', previousAvailability: 'offline' } };
const deactivated: AgentEvent = { type: 'AgentDeactivated', data: { reason: 'Left the company' } };

describe('RegisterAgent', () => {
  it('records a new agent, with skills and languages in canonical order and the agent role by default', () => {
    given().when(register(), supervisor).then([registered]);
  });
  it('trims text, drops duplicates, sorts teams and ranges, and leaves days off out of the hours', () => {
    given()
      .when(
        register({
          name: '  Ali Raza ',
          role: 'supervisor',
          teams: ['tier-2', 'billing', 'tier-2 '],
          skills: ['incident', 'question', 'incident'],
          workingHours: { mon: [['14:00', '18:00'], ['09:00', '13:00']], sat: [] },
        }),
        admin,
      )
      .then([
        {
          type: 'AgentRegistered',
          data: {
            ...(registered as Extract<AgentEvent, { type: 'AgentRegistered' }>).data,
            role: 'supervisor',
            teams: ['billing', 'tier-2'],
            workingHours: { mon: [['09:00', '13:00'], ['14:00', '18:00']] },
          },
        },
      ]);
  });
  it('spells the time zone the canonical way', () => {
    given()
      .when(register({ timeZone: 'asia/karachi' }), supervisor)
      .then([registered]);
  });
  it('refuses a second registration', () => {
    given(registered).when(register(), supervisor).thenFails('agent_already_exists', /agent-ali \(Ali Raza\) is already registered/);
  });
  it('is for supervisors and admins only', () => {
    given().when(register(), ali).thenFails('not_allowed', /Only supervisors and admins can register agents/);
  });
  it.each<[string, Partial<Register['data']>, RegExp]>([
    ['an unknown category', { skills: ['incident', 'billing' as never] }, /Unknown category "billing"; the categories are emergency, alert/],
    ['an unknown language', { languages: ['en', 'fr' as never] }, /Unknown language "fr"/],
    ['no language', { languages: [] }, /must speak at least one language/],
    ['an invalid time zone', { timeZone: 'Mars/Olympus' }, /"Mars\/Olympus" is not a valid IANA time zone/],
    ['an offset instead of a zone name', { timeZone: 'UTC+5' }, /"UTC\+5" is not a valid IANA time zone/],
    ['an empty time zone', { timeZone: '' }, /is not a valid IANA time zone/],
    ['a cap of zero', { maxOpenTickets: 0 }, /cap on open tickets must be a positive integer \(got 0\)/],
    ['a negative cap', { maxOpenTickets: -3 }, /positive integer \(got -3\)/],
    ['a fractional cap', { maxOpenTickets: 2.5 }, /positive integer \(got 2.5\)/],
    ['a blank name', { name: '  ' }, /name must not be empty/],
    ['a malformed email', { email: 'ali-at-example' }, /"ali-at-example" is not an email address/],
    ['an unknown role', { role: 'admin' as never }, /Role must be one of agent, supervisor/],
    ['hours that end before they start', { workingHours: { mon: [['22:00', '06:00']] } }, /mon: 22:00–06:00 must end after it starts \(split a night shift/],
    ['overlapping hours', { workingHours: { tue: [['09:00', '13:00'], ['12:00', '17:00']] } }, /tue: 09:00–13:00 overlaps 12:00–17:00/],
    ['a malformed time', { workingHours: { wed: [['9am', '17:00']] } }, /wed: 9am–17:00 is not a pair of HH:mm times/],
    ['an unknown weekday', { workingHours: { monday: [['09:00', '17:00']] } as never }, /"monday" is not a weekday/],
    ['no working hours at all', { workingHours: {} }, /must include at least one range/],
  ])('refuses %s', (_, data, message) => {
    given().when(register(data), supervisor).thenFails('invalid_command', message);
  });
});

describe('UpdateAgentSkills', () => {
  it('records the new skills with the previous ones', () => {
    given(registered)
      .when({ type: 'UpdateAgentSkills', data: { skills: ['emergency', 'incident'] } }, supervisor)
      .then([{ type: 'AgentSkillsUpdated', data: { skills: ['emergency', 'incident'], previousSkills: ['question', 'incident'] } }]);
  });
  it('refuses an unknown category', () => {
    given(registered).when({ type: 'UpdateAgentSkills', data: { skills: ['refunds' as never] } }, supervisor).thenFails('invalid_command', /Unknown category "refunds"/);
  });
  it('refuses the skills the agent already has, in any order', () => {
    given(registered).when({ type: 'UpdateAgentSkills', data: { skills: ['incident', 'question'] } }, supervisor).thenFails('illegal_transition', /already has exactly those skills/);
  });
  it('is not for the agent themselves', () => {
    given(registered).when({ type: 'UpdateAgentSkills', data: { skills: ['emergency'] } }, ali).thenFails('not_allowed', /you are signed in as agent/);
  });
  it('needs a registered agent', () => {
    given().when({ type: 'UpdateAgentSkills', data: { skills: ['emergency'] } }, supervisor).thenFails('agent_not_found', /not registered/);
  });
});

describe('UpdateAgentLanguages', () => {
  it('is recorded for the agent themselves', () => {
    given(registered)
      .when({ type: 'UpdateAgentLanguages', data: { languages: ['ur'] } }, ali)
      .then([{ type: 'AgentLanguagesUpdated', data: { languages: ['ur'], previousLanguages: ['en', 'ur'] } }]);
  });
  it('is refused to another agent', () => {
    given(registered).when({ type: 'UpdateAgentLanguages', data: { languages: ['ur'] } }, sara).thenFails('not_allowed', /Only Ali Raza or a supervisor/);
  });
  it('refuses an empty list', () => {
    given(registered).when({ type: 'UpdateAgentLanguages', data: { languages: [] } }, supervisor).thenFails('invalid_command', /at least one language/);
  });
  it('refuses the same languages', () => {
    given(registered).when({ type: 'UpdateAgentLanguages', data: { languages: ['ur', 'en', 'en'] } }, ali).thenFails('illegal_transition');
  });
});

describe('UpdateAgentCap', () => {
  it('records the new cap with the previous one', () => {
    given(registered)
      .when({ type: 'UpdateAgentCap', data: { maxOpenTickets: 8 } }, supervisor)
      .then([{ type: 'AgentCapChanged', data: { maxOpenTickets: 8, previousMaxOpenTickets: 5 } }]);
  });
  it.each([0, -1, 1.5, Number.NaN])('refuses a cap of %s', (cap) => {
    given(registered).when({ type: 'UpdateAgentCap', data: { maxOpenTickets: cap } }, supervisor).thenFails('invalid_command', /must be a positive integer/);
  });
  it('refuses the current cap', () => {
    given(registered).when({ type: 'UpdateAgentCap', data: { maxOpenTickets: 5 } }, supervisor).thenFails('illegal_transition', /cap is already 5/);
  });
  it('is not for the agent themselves', () => {
    given(registered).when({ type: 'UpdateAgentCap', data: { maxOpenTickets: 50 } }, ali).thenFails('not_allowed');
  });
});

describe('UpdateAgentWorkingHours', () => {
  const evenings = { mon: [['13:00', '21:00']] } as const;
  it('keeps the time zone unless a new one is given', () => {
    given(registered)
      .when({ type: 'UpdateAgentWorkingHours', data: { workingHours: evenings } }, ali)
      .then([{ type: 'AgentWorkingHoursChanged', data: { timeZone: 'Asia/Karachi', workingHours: evenings } }]);
  });
  it('moves the agent to another zone with the same hours', () => {
    given(registered)
      .when({ type: 'UpdateAgentWorkingHours', data: { workingHours: NINE_TO_FIVE, timeZone: 'Europe/London' } }, supervisor)
      .then([{ type: 'AgentWorkingHoursChanged', data: { timeZone: 'Europe/London', workingHours: NINE_TO_FIVE } }]);
  });
  it('refuses an invalid time zone', () => {
    given(registered)
      .when({ type: 'UpdateAgentWorkingHours', data: { workingHours: NINE_TO_FIVE, timeZone: 'PKT' } }, supervisor)
      .thenFails('invalid_command', /"PKT" is not a valid IANA time zone/);
  });
  it('refuses the hours already in force', () => {
    given(registered).when({ type: 'UpdateAgentWorkingHours', data: { workingHours: NINE_TO_FIVE } }, ali).thenFails('illegal_transition', /already works exactly those hours in Asia\/Karachi/);
  });
  it('refuses invalid hours', () => {
    given(registered).when({ type: 'UpdateAgentWorkingHours', data: { workingHours: { fri: [['09:00', '25:00']] } } }, ali).thenFails('invalid_command', /fri: 09:00–25:00/);
  });
});

describe('SetAgentAvailability', () => {
  it('lets the agent go online', () => {
    given(registered).when({ type: 'SetAgentAvailability', data: { availability: 'online' } }, ali).then([online]);
  });
  it('lets the presence service mark an agent away', () => {
    given(registered, online)
      .when({ type: 'SetAgentAvailability', data: { availability: 'away' } }, system)
      .then([{ type: 'AgentAvailabilityChanged', data: { availability: 'away', previousAvailability: 'online' } }]);
  });
  it('refuses the availability the agent already has', () => {
    given(registered, online).when({ type: 'SetAgentAvailability', data: { availability: 'online' } }, ali).thenFails('illegal_transition', /Ali Raza is already online/);
  });
  it('refuses a deactivated agent going online', () => {
    given(registered, deactivated)
      .when({ type: 'SetAgentAvailability', data: { availability: 'online' } }, ali)
      .thenFails('illegal_transition', /Ali Raza is deactivated and cannot go online; reactivate them first/);
  });
  it('refuses an unknown availability', () => {
    given(registered).when({ type: 'SetAgentAvailability', data: { availability: 'busy' as never } }, ali).thenFails('invalid_command', /online, away, offline/);
  });
  it('is refused to another agent', () => {
    given(registered).when({ type: 'SetAgentAvailability', data: { availability: 'online' } }, sara).thenFails('not_allowed');
  });
});

describe('DeactivateAgent', () => {
  it('takes an online agent offline first', () => {
    given(registered, online)
      .when({ type: 'DeactivateAgent', data: { reason: ' Left the company ' } }, supervisor)
      .then([{ type: 'AgentAvailabilityChanged', data: { availability: 'offline', previousAvailability: 'online' } }, deactivated]);
  });
  it('only deactivates an agent who is offline already', () => {
    given(registered).when({ type: 'DeactivateAgent', data: {} }, admin).then([{ type: 'AgentDeactivated', data: { reason: null } }]);
  });
  it('refuses twice', () => {
    given(registered, deactivated).when({ type: 'DeactivateAgent', data: {} }, supervisor).thenFails('illegal_transition', /already deactivated/);
  });
  it('is not for agents', () => {
    given(registered).when({ type: 'DeactivateAgent', data: {} }, ali).thenFails('not_allowed', /Only supervisors and admins can deactivate agents/);
  });
});

describe('ReactivateAgent', () => {
  it('brings a deactivated agent back, offline until they go online', () => {
    given(registered, deactivated)
      .when({ type: 'ReactivateAgent', data: { reason: 'Rehired' } }, supervisor)
      .then([{ type: 'AgentReactivated', data: { reason: 'Rehired' } }]);
    given(registered, deactivated, { type: 'AgentReactivated', data: { reason: null } })
      .when({ type: 'SetAgentAvailability', data: { availability: 'online' } }, ali)
      .then([online]);
  });
  it('refuses an active agent', () => {
    given(registered).when({ type: 'ReactivateAgent', data: {} }, supervisor).thenFails('illegal_transition', /already active/);
  });
});
