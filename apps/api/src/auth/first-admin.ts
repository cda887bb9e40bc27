import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { createAdmin, UserAccounts } from '@helpdesk/application';
import { EVENT_STORE, EventStore, START } from '@helpdesk/event-store';
import { Settings, SETTINGS } from '../config/settings';

/** On start: the first admin from ADMIN_EMAIL + ADMIN_PASSWORD, when no account has that email yet. */
@Injectable()
export class FirstAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly accounts: UserAccounts,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = this.settings;
    if (!email) {
      if ((await this.store.headPosition()) === START) {
        this.logger.warn('No users yet. Create the first admin: set ADMIN_EMAIL and ADMIN_PASSWORD, or run `npm run cli -- create-admin --email <address>`.');
      }
      return;
    }
    if (await this.accounts.findByEmail(email)) return;
    if (!password) throw new Error('ADMIN_EMAIL is set but ADMIN_PASSWORD is not: the first admin needs a password (there is no default).');
    const result = await createAdmin(this.accounts, { email, password }, 'bootstrap');
    if (result.created) this.logger.log(`Created the first admin (user ${result.userId}).`);
  }
}
