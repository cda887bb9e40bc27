import { translator } from './i18n/i18n';
import { currentTarget, formats, safeZone, slaState, slaText } from './format';
import { SlaTarget, TicketSla } from './api/types';

const target = (status: SlaTarget['status'], businessMinutesRemaining: number | null = null): SlaTarget => ({ status, dueAt: '2026-12-01T10:00:00Z', warningAt: null, businessMinutesRemaining });
const sla = (firstResponse: SlaTarget, resolution: SlaTarget, atRisk = false): TicketSla => ({ firstResponse, resolution, atRisk });
const t = translator('en');

describe('the SLA shown on a queue row', () => {
  it('is the first response while it runs', () => {
    expect(currentTarget(sla(target('running', 30), target('running', 400)))?.name).toBe('first_response');
    expect(slaText(t, sla(target('running', 90), target('running', 400)))).toBe('first response: 1 h 30 min left');
  });

  it('moves to resolution once the first response is met', () => {
    expect(slaText(t, sla(target('met'), target('running', 45)))).toBe('resolution: 45 min left');
  });

  it('stays on an unanswered first response that is overdue, even when resolution is overdue too', () => {
    expect(slaText(t, sla(target('breached', -300), target('breached', -60)))).toBe('first response: 5 h 0 min overdue');
    const answeredLate = { ...target('breached', null), metAt: '2026-12-01T11:00:00Z' };
    expect(slaText(t, sla(answeredLate, target('running', 90)))).toBe('resolution: 1 h 30 min left');
  });

  it('is coloured: on track, at risk once warned, breached when late', () => {
    expect(slaState(sla(target('met'), target('running', 45)), false)).toBe('ok');
    expect(slaState(sla(target('met'), target('running', 45), true), true)).toBe('risk');
    expect(slaState(sla({ ...target('breached', -20), metAt: '2026-12-01T11:00:00Z' }, target('running', 100)), false)).toBe('ok');
    expect(slaState(sla(target('breached', -20), target('running', 100)), false)).toBe('breached');
    expect(slaState(sla(target('met'), target('breached', -75)), false)).toBe('breached');
    expect(slaText(t, sla(target('met'), target('breached', -75)))).toBe('resolution: 1 h 15 min overdue');
  });

  it('says so when the clock is paused or there is no SLA', () => {
    expect(slaText(t, sla(target('met'), target('paused')))).toBe('resolution: paused');
    expect(slaState(sla(target('met'), target('paused')), false)).toBe('none');
    expect(slaText(t, null)).toBe('No SLA running');
  });

  it('reads in Urdu too', () => {
    expect(slaText(translator('ur'), sla(target('met'), target('running', 45)))).toBe('حل: 45 منٹ باقی');
  });
});

describe('dates in the agent’s zone', () => {
  it('formats instants in the given zone, not the machine’s', () => {
    const karachi = formats('en', 'Asia/Karachi');
    const utc = formats('en', 'UTC');
    expect(karachi.dateTime('2026-12-01T04:00:00Z')).toMatch(/9:00/);
    expect(utc.dateTime('2026-12-01T04:00:00Z')).toMatch(/4:00/);
  });

  it('falls back when a zone is not a real one', () => {
    expect(safeZone('Mars/Olympus', 'UTC')).toBe('UTC');
    expect(safeZone('Asia/Karachi', 'UTC')).toBe('Asia/Karachi');
  });

  it('tells ages relative to now', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    expect(formats('en', 'UTC').age('2026-12-01T09:00:00Z', now)).toMatch(/^3 hr\.? ago$/);
  });
});
