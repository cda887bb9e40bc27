import { route } from '@helpdesk/routing';
import { CATEGORIES } from '@helpdesk/ticketing';
import { routingCapacity } from './routing-capacity';

describe('routingCapacity', () => {
  const now = new Date('2026-01-05T06:00:00.000Z'); // Monday 11:00 in Karachi
  const agent = (id: string, extra: object = {}) => ({
    id,
    name: id,
    email: `${id}@helpdesk.pk`,
    role: 'agent' as const,
    teams: ['billing'],
    skills: ['question' as const],
    languages: ['ur' as const],
    timeZone: 'Asia/Karachi',
    workingHours: { mon: [['09:00', '18:00']] as Array<[string, string]> },
    maxOpenTickets: 2,
    availability: 'online' as const,
    active: true,
    ...extra,
  });

  it('is any when someone online and at work has room, whatever their skills, languages and teams', () => {
    expect(routingCapacity([agent('a', { availability: 'offline' }), agent('b')], { a: 0, b: 1 }, now)).toBe('any');
  });
  it('is emergencies when everyone online and at work is at their cap', () => {
    expect(routingCapacity([agent('a'), agent('b', { availability: 'away' })], { a: 2 }, now)).toBe('emergencies');
  });
  it('is none when nobody is online, or nobody online is at work', () => {
    expect(routingCapacity([agent('a', { availability: 'offline' }), agent('b', { workingHours: { tue: [['09:00', '18:00']] } })], {}, now)).toBe('none');
    expect(routingCapacity([], {}, now)).toBe('none');
  });
  it('never rules out a ticket that route would give someone', () => {
    const rosters = [
      [agent('a', { availability: 'away' }), agent('b', { workingHours: {} }), agent('c', { active: false })],
      [agent('a'), agent('b', { availability: 'offline' })],
      [agent('a', { languages: ['en'], skills: ['emergency'], teams: [] })],
    ];
    const loads: Array<Record<string, number>> = [{}, { a: 2 }, { a: 5 }];
    let picks = 0;
    for (const roster of rosters) {
      for (const load of loads) {
        const capacity = routingCapacity(roster, load, now);
        for (const category of CATEGORIES) {
          for (const language of ['en', 'ur'] as const) {
            for (const team of [null, 'billing']) {
              const picked = route({ id: 't', team, category, language, priority: 'high' }, roster, load, { strategy: 'least_loaded', now, lastAssigned: {} }).agentId;
              if (picked && category !== 'emergency') expect(capacity).toBe('any');
              if (picked && category === 'emergency') expect(capacity).not.toBe('none');
              if (picked) picks++;
            }
          }
        }
      }
    }
    expect(picks).toBeGreaterThan(0);
  });
});
