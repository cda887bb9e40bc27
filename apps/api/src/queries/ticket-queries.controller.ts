import { Controller, Get, Inject, Param, Query, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadModels } from '@helpdesk/projection-engine';
import { AUDIT_TRAIL, AuditEntry, TICKETS, TicketView } from '@helpdesk/projections';
import { Clock, CLOCK } from '@helpdesk/shared';
import { notFound } from '@helpdesk/ticketing';
import { Allow } from '../auth/policy';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { problem } from '../http/problem';
import { ConsistencyInterceptor } from './consistency.interceptor';
import { ConsistentQuery, ListTicketsQuery, PageQuery } from './dto/query-params';
import { anyOf } from './filters';
import { ListTotals } from './list-totals';
import { present } from './present';
import { canRead, presentTicket, readableTicket, seesPii, TICKET_ID, withinReach } from './ticket-access';
import { ReadsFrom } from './reads-from.decorator';
import { SlaRemaining } from './sla-remaining';


@ApiTags('queries')
@ApiHeader({ name: 'X-Consistent-With', required: false, description: 'Same as ?consistentWith' })
@UseInterceptors(ConsistencyInterceptor)
@Controller('tickets')
export class TicketQueriesController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly slaRemaining: SlaRemaining,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly totals: ListTotals,
  ) {}

  @Get() @Allow('tickets.list')
  @ReadsFrom(TICKETS)
  @ApiOperation({ summary: 'List tickets with filters, sort and cursor pagination; includes the total (exact up to QUERY_TOTAL_CAP, then `totalExact: false`)' })
  async list(@CurrentPrincipal() principal: Principal, @Query() q: ListTicketsQuery) {
    if (q.customerEmail && !seesPii(principal)) {
      throw problem(403, 'not-allowed', 'Not allowed', 'Filtering by customer email needs access to customer PII.');
    }
    if (q.tag && principal.role === 'customer') throw problem(403, 'not-allowed', 'Not allowed', 'Tags are for staff: customers cannot filter by them.');
    const tickets = await this.readModels.collection<TicketView>(TICKETS);
    const filter = withinReach(principal, {
      ...anyOf({ status: q.status, priority: q.priority, category: q.category, channel: q.channel, 'customer.language': q.language, tags: q.tag }),
      ...(q.assigneeId ? { assigneeId: q.assigneeId } : {}),
      ...(q.customerEmail ? { 'customer.email': q.customerEmail.toLowerCase() } : {}),
    });
    if (!filter) return { items: [], nextCursor: null, total: 0, totalExact: true };
    const page = await tickets.findPage(filter, { sort: { [q.sort]: q.order === 'asc' ? 1 : -1 }, limit: q.limit, cursor: q.cursor });
    return {
      items: await Promise.all(page.items.map(async (t) => summary(presentTicket(await this.slaRemaining.annotate(t), principal, this.clock.now())))),
      nextCursor: page.nextCursor ?? null,
      ...(await this.totals.of(tickets, filter)),
    };
  }

  @Get(':id') @Allow('tickets.get')
  @ReadsFrom(TICKETS)
  @ApiOperation({ summary: 'One ticket by id or number (HD-000123)' })
  async one(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() _q: ConsistentQuery) {
    const view = await readableTicket(this.readModels, principal, id);
    return presentTicket(await this.slaRemaining.annotate(view), principal, this.clock.now());
  }

  @Get(':id/audit') @Allow('tickets.audit')
  @ReadsFrom(AUDIT_TRAIL)
  @ApiOperation({ summary: 'The ticket’s audit trail: who changed what, when, before and after' })
  async audit(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() q: PageQuery) {
    if (!TICKET_ID.test(id)) throw notFound(id.slice(0, 80));
    const view = await (await this.readModels.collection<TicketView>(TICKETS)).findOne({ _id: id.toLowerCase() });
    if (view && !canRead(principal, view)) throw notFound(id);
    const trail = await this.readModels.collection<AuditEntry>(AUDIT_TRAIL);
    const page = await trail.findPage({ ticketId: id.toLowerCase() }, { sort: { revision: 1 }, limit: q.limit, cursor: q.cursor });
    if (page.items.length === 0 && !q.cursor) throw notFound(id);
    return { items: page.items.map(present), nextCursor: page.nextCursor ?? null };
  }
}

/** Lists carry no description or comment bodies. */
function summary(ticket: Record<string, unknown>) {
  const { comments, description, ...rest } = ticket;
  void comments;
  void description;
  return rest;
}
