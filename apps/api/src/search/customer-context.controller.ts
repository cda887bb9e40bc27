import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadModels } from '@helpdesk/projection-engine';
import { TICKET_SEARCH, TICKETS } from '@helpdesk/projections';
import { Allow } from '../auth/policy';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { ConsistencyInterceptor } from '../queries/consistency.interceptor';
import { ReadsFrom } from '../queries/reads-from.decorator';
import { reachOf, readableTicket } from '../queries/ticket-access';
import { seesSatisfactionComment } from '../satisfaction/present-satisfaction';
import { customerContext } from './customer-context';
import { CustomerContextQuery } from './dto/search-queries';
import { TicketSearchIndex } from './ticket-search-index';

@ApiTags('queries')
@ApiHeader({ name: 'X-Consistent-With', required: false, description: 'Same as ?consistentWith' })
@UseInterceptors(ConsistencyInterceptor)
@Controller('tickets')
export class CustomerContextController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly index: TicketSearchIndex,
  ) {}

  @Get(':id/customer-context') @Allow('tickets.customerContext')
  @ReadsFrom(TICKETS, TICKET_SEARCH)
  @ApiOperation({ summary: 'Who is asking: the customer’s other tickets within your reach (newest first, with status), the ratings they gave (comments for supervisors and admins), their time zone' })
  async context(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() q: CustomerContextQuery) {
    const ticket = await readableTicket(this.readModels, principal, id);
    const context = await customerContext(await this.index.documents(), ticket, reachOf(principal), { limit: q.limit, seesComments: seesSatisfactionComment(principal) });
    const { name, email, timezone, language } = ticket.customer;
    return { ticketId: ticket._id, customer: { name, email, timezone, language }, ...context };
  }
}
