import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { LiveController } from './live.controller';
import { LiveFeed } from './live-feed';
import { LiveTicketMiddleware } from './live-ticket.middleware';
import { LiveTickets } from './live-tickets';

/** Live updates pushed to the UI: one feed subscription per process, fanned out to every open stream. */
@Module({
  imports: [AuthModule],
  controllers: [LiveController],
  providers: [LiveFeed, LiveTickets, LiveTicketMiddleware],
  exports: [LiveFeed],
})
export class LiveModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(LiveTicketMiddleware).forRoutes({ path: 'live', method: RequestMethod.GET });
  }
}
