import { Module } from '@nestjs/common';
import { ConsistencyInterceptor } from '../queries/consistency.interceptor';
import { CustomerContextController } from './customer-context.controller';
import { TicketSearchController } from './ticket-search.controller';
import { TicketSearchIndex } from './ticket-search-index';

/** What the `ticket_search` read model answers: ticket search within reach, and the customer context of a ticket. */
@Module({
  controllers: [TicketSearchController, CustomerContextController],
  providers: [TicketSearchIndex, ConsistencyInterceptor],
})
export class SearchModule {}
