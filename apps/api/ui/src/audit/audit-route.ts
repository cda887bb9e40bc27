/** The audit screens' hash routes: #/audit (trail, verification, checkpoints) and #/audit/tickets/<id> (replay). */
export type AuditRoute = { name: 'audit' } | { name: 'audit-ticket'; id: string };

export function parseAuditRoute(hash: string): AuditRoute | null {
  if (hash === '#/audit') return { name: 'audit' };
  const ticket = /^#\/audit\/tickets\/([A-Za-z0-9-]{1,80})$/.exec(hash);
  return ticket ? { name: 'audit-ticket', id: ticket[1] } : null;
}

export const auditHref = '#/audit';
export const auditTicketHref = (id: string) => `#/audit/tickets/${id}`;
