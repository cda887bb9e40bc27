import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SlaPolicyBook, TicketCommandRunner, TicketNumberAllocator, UserAccounts, UserDirectory } from '@helpdesk/application';
import { BLOB_STORE, BlobStore, createBlobStore } from '@helpdesk/blob-store';
import { createEventStore, EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { Clock, CLOCK, systemClock } from '@helpdesk/shared';
import { Settings, SETTINGS } from '../config/settings';
import { MAIL_THREAD_KEY, resolveMailThreadKey } from '../mail/mail-thread-key';
import { PrivateEventStore, SealedBlobStore, SubjectKeys } from '@helpdesk/privacy';
import { openPrivateEventStore, STORED_EVENT_STORE } from '../privacy/private-event-store.factory';

/** The write side's infrastructure: settings, clock, event store, the ticket command runner and user accounts. */
@Global()
@Module({})
export class StorageModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  static forRoot(options: { clock?: Clock } = {}): DynamicModule {
    return {
      module: StorageModule,
      providers: [
        { provide: SETTINGS, inject: [ConfigService], useFactory: (config: ConfigService) => config.get<Settings>('settings') },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        {
          provide: EVENT_STORE,
          inject: [SETTINGS],
          // Personal fields sealed per data subject above the hash chains (apps/api/src/privacy).
          useFactory: (s: Settings) => openPrivateEventStore(s, () => createEventStore({ eventStoreUrl: s.EVENT_STORE_URL, dataDir: s.DATA_DIR, synchronous: s.SQLITE_SYNCHRONOUS })),
        },
        { provide: STORED_EVENT_STORE, inject: [EVENT_STORE], useFactory: (store: PrivateEventStore) => store.stored },
        { provide: SubjectKeys, inject: [EVENT_STORE], useFactory: (store: PrivateEventStore) => store.keys },
        // Attachments and raw mail, content-addressed and sealed with keys of their own: GridFS with MONGO_URL, else files under DATA_DIR/blobs.
        {
          provide: BLOB_STORE,
          inject: [SETTINGS, SubjectKeys],
          useFactory: async (s: Settings, keys: SubjectKeys) => new SealedBlobStore(await createBlobStore({ mongoUrl: s.MONGO_URL, dataDir: s.DATA_DIR }), keys),
        },
        { provide: MAIL_THREAD_KEY, inject: [SETTINGS], useFactory: resolveMailThreadKey },
        { provide: SlaPolicyBook, inject: [EVENT_STORE], useFactory: (store: EventStore) => new SlaPolicyBook(store) },
        { provide: TicketNumberAllocator, inject: [EVENT_STORE], useFactory: (store: EventStore) => new TicketNumberAllocator(store) },
        {
          provide: TicketCommandRunner,
          inject: [EVENT_STORE, TicketNumberAllocator, CLOCK, SETTINGS],
          useFactory: (store: EventStore, numbers: TicketNumberAllocator, clock: Clock, settings: Settings) =>
            new TicketCommandRunner(store, numbers, clock, { autoCloseAfterDays: settings.AUTO_CLOSE_AFTER_DAYS, satisfactionChangeableDays: settings.SATISFACTION_CHANGEABLE_DAYS }),
        },
        { provide: UserDirectory, inject: [EVENT_STORE], useFactory: (store: EventStore) => new UserDirectory(store) },
        {
          provide: UserAccounts,
          inject: [EVENT_STORE, UserDirectory, CLOCK, SETTINGS],
          useFactory: (store: EventStore, directory: UserDirectory, clock: Clock, settings: Settings) =>
            new UserAccounts(store, directory, clock, { maxSessions: settings.AUTH_MAX_SESSIONS_PER_USER }),
        },
      ],
      exports: [SETTINGS, CLOCK, EVENT_STORE, STORED_EVENT_STORE, SubjectKeys, BLOB_STORE, MAIL_THREAD_KEY, TicketNumberAllocator, TicketCommandRunner, SlaPolicyBook, UserDirectory, UserAccounts],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.blobs.close();
    await this.store.close();
  }
}
