import { parseRoute, routeKey } from '../route';
import { auditTicketHref } from './audit-route';

describe('the audit routes', () => {
  it('names the overview and a ticket’s replay, by id or number, and nothing else', () => {
    expect(parseRoute('#/audit')).toEqual({ name: 'audit' });
    expect(parseRoute(auditTicketHref('7d9f1f4e-2b7a-4c1e-9a7e-1b2c3d4e5f60'))).toEqual({ name: 'audit-ticket', id: '7d9f1f4e-2b7a-4c1e-9a7e-1b2c3d4e5f60' });
    expect(parseRoute('#/audit/tickets/HD-000123')).toEqual({ name: 'audit-ticket', id: 'HD-000123' });
    expect(parseRoute('#/audit/tickets/a/b')).toEqual({ name: 'queue' });
    expect(routeKey({ name: 'audit-ticket', id: 'HD-000123' })).toBe('audit-ticket:HD-000123');
  });
});
