import { INTL_LOCALE, Locale, Translate } from './i18n/i18n';
import { SlaTarget, TicketSla } from './api/types';

/** Dates and durations in the agent's locale and time zone. */
export interface Formats {
  dateTime(iso: string | null | undefined): string;
  time(date: Date, timeZone: string): string;
  age(iso: string, now: Date): string;
  timeZone: string;
}

export function formats(locale: Locale, timeZone: string): Formats {
  const tag = INTL_LOCALE[locale];
  const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const relative = new Intl.RelativeTimeFormat(tag, { numeric: 'auto', style: 'short' });
  return {
    timeZone,
    dateTime: (iso) => (iso ? dateTime.format(new Date(iso)) : ''),
    time: (date, zone) => new Intl.DateTimeFormat(tag, { weekday: 'short', hour: 'numeric', minute: '2-digit', timeZone: zone }).format(date),
    age: (iso, now) => {
      const minutes = Math.max(0, Math.round((now.getTime() - new Date(iso).getTime()) / 60000));
      if (minutes < 60) return relative.format(-minutes, 'minute');
      if (minutes < 48 * 60) return relative.format(-Math.round(minutes / 60), 'hour');
      return relative.format(-Math.round(minutes / 1440), 'day');
    },
  };
}

/** A valid IANA zone or the fallback: a bad zone must not break rendering. */
export function safeZone(zone: string | null | undefined, fallback: string): string {
  if (!zone) return fallback;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return fallback;
  }
}

export type SlaState = 'ok' | 'risk' | 'breached' | 'none';

/**
 * The target that matters now: the first one (first response, then resolution) still open, that
 * is, running or breached and not met since; else a paused one; else resolution.
 */
export function currentTarget(sla: TicketSla | null): { name: 'first_response' | 'resolution'; target: SlaTarget } | null {
  if (!sla) return null;
  const targets = [
    { name: 'first_response' as const, target: sla.firstResponse },
    { name: 'resolution' as const, target: sla.resolution },
  ];
  const open = (c: (typeof targets)[number]) => !c.target.metAt && (c.target.status === 'running' || c.target.status === 'breached');
  return targets.find(open) ?? targets.find((c) => c.target.status === 'paused') ?? targets[1];
}

/** Colour class: breached when late, at risk once the SLA watch has warned or a quarter of the time is left. */
export function slaState(sla: TicketSla | null, atRisk: boolean): SlaState {
  const current = currentTarget(sla);
  if (!current) return 'none';
  const { target } = current;
  const left = target.businessMinutesRemaining;
  if (target.status === 'breached' || (typeof left === 'number' && left < 0)) return 'breached';
  if (target.status !== 'running') return 'none';
  return atRisk || sla?.atRisk ? 'risk' : 'ok';
}

/** "Resolution: 3 h 20 min left", in the agent's language. */
export function slaText(t: Translate, sla: TicketSla | null): string {
  const current = currentTarget(sla);
  if (!current) return t('sla.none');
  const target = t('target', { target: current.name });
  const { status, businessMinutesRemaining: left } = current.target;
  if (status === 'met') return t('sla.met', { target });
  if (status === 'paused') return t('sla.paused', { target });
  if (typeof left !== 'number') return t('sla.none');
  const duration = durationText(t, Math.abs(left));
  return left < 0 || status === 'breached' ? t('sla.late', { target, duration }) : t('sla.left', { target, duration });
}

export function durationText(t: Translate, minutes: number): string {
  return t('duration.hm', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}
