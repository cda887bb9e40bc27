import { useApp } from '../app-context';
import { linksReplay } from './audit-roles';
import { auditTicketHref } from './audit-route';

/** On the ticket page: the way to the ticket's history replay, for the roles that oversee tickets. */
export function AuditLink({ ticketId }: { ticketId: string }) {
  const { t, user } = useApp();
  if (!linksReplay(user.role)) return null;
  return (
    <a class="audit-link" href={auditTicketHref(ticketId)}>
      {t('audit.ticket.link')}
    </a>
  );
}
