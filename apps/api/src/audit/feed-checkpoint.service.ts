import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { FeedCheckpointer } from '@helpdesk/application';
import { Settings, SETTINGS } from '../config/settings';

/** Signs the feed every AUDIT_CHECKPOINT_INTERVAL_MS while the app runs. */
@Injectable()
export class FeedCheckpointService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly checkpointer: FeedCheckpointer,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  onApplicationBootstrap(): void {
    if (this.settings.AUDIT_CHECKPOINT_INTERVAL_MS === 0) return;
    this.timer = setInterval(() => {
      this.checkpointer.checkpoint().catch((error) => this.logger.warn(`Feed checkpoint failed: ${(error as Error).message}`));
    }, this.settings.AUDIT_CHECKPOINT_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
