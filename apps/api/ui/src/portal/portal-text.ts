import { CustomerTicket } from '../api/types';
import { Formats } from '../format';
import { Translate } from '../i18n/i18n';

/** The target a customer waits on now: the first response until it is met, then the resolution. */
export function customerTarget(ticket: Pick<CustomerTicket, 'sla' | 'status'>): { name: 'first_response' | 'resolution'; dueAt: string | null; met: boolean } | null {
  const sla = ticket.sla;
  if (!sla || ticket.status === 'closed') return null;
  const first = sla.firstResponse;
  if (first && !first.metAt && first.dueAt) return { name: 'first_response', dueAt: first.dueAt, met: false };
  const resolution = sla.resolution;
  if (!resolution) return null;
  return { name: 'resolution', dueAt: resolution.dueAt, met: Boolean(resolution.metAt) || ticket.status === 'resolved' };
}

/** "Resolution: by 5 Jan 2026, 3:00 pm", in the customer's language and time zone. */
export function targetText(t: Translate, fmt: Formats, ticket: Pick<CustomerTicket, 'sla' | 'status'>): string {
  const target = customerTarget(ticket);
  if (!target) return t('portal.noTarget');
  const name = t('target', { target: target.name });
  if (target.met) return t('portal.targetMet', { target: name });
  // A paused clock has no due time (9999…): the target is shown as not running.
  if (!target.dueAt || target.dueAt.startsWith('9999')) return t('portal.noTarget');
  return t('portal.targetDue', { target: name, time: fmt.dateTime(target.dueAt) });
}
