import { Controller, Get, Query, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TICKET_SEARCH } from '@helpdesk/projections';
import { Allow } from '../auth/policy';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { ConsistencyInterceptor } from '../queries/consistency.interceptor';
import { ReadsFrom } from '../queries/reads-from.decorator';
import { reachOf } from '../queries/ticket-access';
import { TicketSearchQuery } from './dto/search-queries';
import { searchTickets } from './ticket-search';
import { TicketSearchIndex } from './ticket-search-index';

@ApiTags('search')
@ApiHeader({ name: 'X-Consistent-With', required: false, description: 'Same as ?consistentWith' })
@UseInterceptors(ConsistencyInterceptor)
@Controller('search')
export class TicketSearchController {
  constructor(private readonly index: TicketSearchIndex) {}

  @Get('tickets') @Allow('search.tickets')
  @ReadsFrom(TICKET_SEARCH)
  @ApiOperation({
    summary: 'Tickets matching every word (number, subject, description, customer name and email, comments), best first, matches highlighted',
    description: 'Within reach: customers search their own tickets and only what they can read of them (never internal notes or tags); agents the tickets assigned to them, in their teams or on no team. Urdu is matched across diacritics and Arabic letter forms, like the knowledge base.',
  })
  async tickets(@CurrentPrincipal() principal: Principal, @Query() q: TicketSearchQuery) {
    const page = await searchTickets(this.index.store, await this.index.collectionName(), { text: q.q, reach: reachOf(principal), limit: q.limit, cursor: q.cursor });
    return { items: page.items, nextCursor: page.nextCursor ?? null };
  }
}
