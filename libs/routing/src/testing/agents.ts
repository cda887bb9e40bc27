import { Agent } from '../agent-state';
import { WeeklyHours } from '../working-hours';

export const NINE_TO_FIVE: WeeklyHours = {
  mon: [['09:00', '17:00']],
  tue: [['09:00', '17:00']],
  wed: [['09:00', '17:00']],
  thu: [['09:00', '17:00']],
  fri: [['09:00', '17:00']],
};

export const AROUND_THE_CLOCK: WeeklyHours = {
  mon: [['00:00', '24:00']],
  tue: [['00:00', '24:00']],
  wed: [['00:00', '24:00']],
  thu: [['00:00', '24:00']],
  fri: [['00:00', '24:00']],
  sat: [['00:00', '24:00']],
  sun: [['00:00', '24:00']],
};

/** An online, active agent in Karachi who works around the clock, every skill, en and ur; override what a test is about. */
export function anAgent(id: string, overrides: Partial<Agent> = {}): Agent {
  return {
    id,
    name: id,
    email: `${id}@helpdesk.example`,
    role: 'agent',
    teams: ['support'],
    skills: ['emergency', 'alert', 'question', 'incident', 'feature_request', 'general'],
    languages: ['en', 'ur'],
    timeZone: 'Asia/Karachi',
    workingHours: AROUND_THE_CLOCK,
    maxOpenTickets: 5,
    availability: 'online',
    active: true,
    ...overrides,
  };
}
