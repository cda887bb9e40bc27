import { Module } from '@nestjs/common';
import { ChangeTicketHandler } from './commands/change-ticket.handler';
import { SubmitTicketHandler } from './commands/submit-ticket.handler';
import { TicketsController } from './tickets.controller';

@Module({
  controllers: [TicketsController],
  providers: [SubmitTicketHandler, ChangeTicketHandler],
})
export class TicketsModule {}
