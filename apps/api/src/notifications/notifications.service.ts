import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { UserDirectory } from '@helpdesk/application';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { ProjectionEngine, ReadModels } from '@helpdesk/projection-engine';
import { NOTIFICATIONS } from '@helpdesk/projections';
import { READ_STORE, ReadStore } from '@helpdesk/read-store';
import { Clock, CLOCK } from '@helpdesk/shared';
import { Settings, SETTINGS } from '../config/settings';
import { MAIL_THREAD_KEY } from '../mail/mail-thread-key';
import { ratingLinks } from '../satisfaction/satisfaction-links';
import { resolveSatisfactionLinkSecret } from '../satisfaction/satisfaction-link-secret';
import { SatisfactionTokens } from '../satisfaction/satisfaction-token';
import { smtpRelay } from './mail-relay';
import { NotificationCommandRunner } from './notification-command-runner';
import { NotificationFactsSource } from './notification-facts';
import { NotificationSender } from './notification-sender';
import { OutboxReactor } from './outbox-reactor';
import { revealVerificationSecrets } from '../customers/verification-mail';

/**
 * Runs the notification outbox in this process (unless RUN_NOTIFICATIONS=false): the reactor
 * that records notifications from the feed, and, when SMTP_RELAY_URL is set, the sender that
 * delivers them. Without a relay, notifications are recorded and stay pending (not sent) until
 * a process with a relay starts.
 */
@Injectable()
export class NotificationsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  reactor?: OutboxReactor;
  sender?: NotificationSender;

  /** Whether this process has a relay to send through (SMTP_RELAY_URL). */
  get relayConfigured(): boolean {
    return Boolean(this.settings.SMTP_RELAY_URL);
  }

  constructor(
    private readonly runner: NotificationCommandRunner,
    private readonly readModels: ReadModels,
    private readonly engine: ProjectionEngine,
    private readonly users: UserDirectory,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MAIL_THREAD_KEY) private readonly threadKey: string,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.settings.RUN_NOTIFICATIONS) return;
    this.reactor = new OutboxReactor(this.store, this.readStore, this.runner, new NotificationFactsSource(this.store, this.users), {
      onError: (error, event) => this.logger.warn(`outbox: ${event.type} at ${event.position}: ${(error as Error).message}`),
      onInfo: (message) => this.logger.log(message),
    });
    await this.reactor.start();
    if (!this.settings.SMTP_RELAY_URL) {
      this.logger.warn('SMTP_RELAY_URL is not set: notifications are recorded but not sent; they go out once a relay is configured.');
      return;
    }
    const tokens = new SatisfactionTokens(resolveSatisfactionLinkSecret(this.settings));
    this.sender = new NotificationSender(this.store, this.readModels, this.runner, smtpRelay(this.settings.SMTP_RELAY_URL), this.clock, {
      from: { address: this.settings.MAIL_FROM, name: this.settings.MAIL_FROM_NAME },
      threadKey: this.threadKey,
      waitForReadModel: (position) => this.engine.waitFor(position, [NOTIFICATIONS], 5000),
      onError: (message) => this.logger.warn(message),
      reveal: revealVerificationSecrets(this.threadKey, this.settings.PUBLIC_URL),
      ratingLinksFor: (n) => {
        const { ratingOfferId, ratingChangeableUntil } = n.vars;
        if (n.kind !== 'resolved' || !ratingOfferId || !ratingChangeableUntil) return undefined;
        return ratingLinks(this.settings.PUBLIC_URL, tokens, { ticketId: n.ticketId, offerId: ratingOfferId, customerEmail: n.recipient, changeableUntil: ratingChangeableUntil });
      },
    });
    await this.sender.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.sender?.stop();
    await this.reactor?.stop();
  }
}
