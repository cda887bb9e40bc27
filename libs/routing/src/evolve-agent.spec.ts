import { AgentEvent } from './agent-events';
import { foldAgent } from './evolve-agent';
import { NINE_TO_FIVE } from './testing/agents';

const registered: AgentEvent = {
  type: 'AgentRegistered',
  data: {
    agentId: 'agent-ali', name: 'Ali Raza', email: 'ali@helpdesk.example', role: 'agent', teams: ['support'],
    skills: ['question'], languages: ['ur'], timeZone: 'Asia/Karachi', workingHours: NINE_TO_FIVE, maxOpenTickets: 5,
  },
};

describe('evolveAgent', () => {
  it('starts a registered agent active and offline', () => {
    expect(foldAgent([registered])).toEqual({
      id: 'agent-ali', name: 'Ali Raza', email: 'ali@helpdesk.example', role: 'agent', teams: ['support'],
      skills: ['question'], languages: ['ur'], timeZone: 'Asia/Karachi', workingHours: NINE_TO_FIVE, maxOpenTickets: 5,
      availability: 'offline', active: true,
    });
  });

  it('walks an agent through every change', () => {
    const history: AgentEvent[] = [
      registered,
      { type: 'AgentSkillsUpdated', data: { skills: ['emergency', 'question'], previousSkills: ['question'] } },
      { type: 'AgentLanguagesUpdated', data: { languages: ['en', 'ur'], previousLanguages: ['ur'] } },
      { type: 'AgentCapChanged', data: { maxOpenTickets: 9, previousMaxOpenTickets: 5 } },
      { type: 'AgentWorkingHoursChanged', data: { timeZone: 'Europe/London', workingHours: { sat: [['10:00', '14:00']] } } },
      { type: 'AgentAvailabilityChanged', data: { availability: 'online', previousAvailability: 'offline' } },
    ];
    expect(foldAgent(history)).toMatchObject({
      skills: ['emergency', 'question'], languages: ['en', 'ur'], maxOpenTickets: 9,
      timeZone: 'Europe/London', workingHours: { sat: [['10:00', '14:00']] }, availability: 'online', active: true,
    });
    const gone = foldAgent([...history, { type: 'AgentDeactivated', data: { reason: null } }]);
    expect(gone).toMatchObject({ active: false, availability: 'offline' });
    expect(foldAgent([{ type: 'AgentReactivated', data: { reason: null } }], gone)).toMatchObject({ active: true, availability: 'offline' });
  });

  it('ignores events before registration', () => {
    expect(foldAgent([{ type: 'AgentCapChanged', data: { maxOpenTickets: 3, previousMaxOpenTickets: 2 } }])).toBeNull();
  });
});
