import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { TicketCommandRunner } from '@helpdesk/application';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { READ_STORE, ReadStore } from '@helpdesk/read-store';
import { Settings, SETTINGS } from '../config/settings';
import { LowSatisfactionReactor } from './low-satisfaction.reactor';

/** Runs the low-satisfaction reactor in this process (RUN_SATISFACTION_REACTOR, unless the action is `none`). */
@Injectable()
export class LowSatisfactionService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Satisfaction');
  reactor?: LowSatisfactionReactor;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly tickets: TicketCommandRunner,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.settings.RUN_SATISFACTION_REACTOR || this.settings.SATISFACTION_LOW_SCORE_ACTION === 'none') return;
    this.reactor = new LowSatisfactionReactor(this.store, this.readStore, this.tickets, this.settings.SATISFACTION_LOW_SCORE_ACTION, (m) => this.logger.warn(m));
    await this.reactor.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.reactor?.stop();
  }
}
