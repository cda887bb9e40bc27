import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ConfigModule } from '@nestjs/config';
import { CqrsModule } from '@nestjs/cqrs';
import { Clock } from '@helpdesk/shared';
import { DestinationStream } from 'pino';
import { AnalyticsModule } from './analytics/analytics.module';
import { AuditModule } from './audit/audit.module';
import { validateSettings } from './config/settings';
import { AccessGuard } from './auth/access.guard';
import { AuthModule } from './auth/auth.module';
import { HealthModule } from './health/health.module';
import { KnowledgeModule } from './knowledge/knowledge.module';
import { MacrosModule } from './macros/macros.module';
import { AutomationModule } from './automation/automation.module';
import { LifecycleModule } from './lifecycle/lifecycle.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PrivacyModule } from './privacy/privacy.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './monitoring/metrics.module';
import { RateLimitGuard, rateLimitModule } from './http/rate-limit';
import { MailModule } from './mail/mail.module';
import { MailTransportModule } from './mail-transport/mail-transport.module';
import { ReadSideModule } from './queries/read-side.module';
import { RoutingModule } from './routing/routing.module';
import { AutomationReactorsModule } from './automation/reactors/automation-reactors.module';
import { SlaModule } from './sla/sla.module';
import { StorageModule } from './storage/storage.module';
import { TicketsModule } from './tickets/tickets.module';
import { CustomersModule } from './customers/customers.module';
import { SatisfactionModule } from './satisfaction/satisfaction.module';
import { LiveModule } from './live/live.module';
import { DirectoryModule } from './directory/directory.module';
import { SearchModule } from './search/search.module';

export interface AppOptions {
  /** Settings that win over the process environment (tests use a temporary DATA_DIR). */
  env?: Record<string, string | undefined>;
  clock?: Clock;
  /** Where log lines go instead of standard output (tests capture them). */
  logStream?: DestinationStream;
}

@Module({})
export class AppModule {
  static forRoot(options: AppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          validate: (env) => ({ settings: validateSettings({ ...env, ...options.env }) }),
        }),
        LoggingModule.forRoot({ stream: options.logStream }),
        CqrsModule.forRoot(),
        StorageModule.forRoot({ clock: options.clock }),
        rateLimitModule,
        AuthModule,
        TicketsModule,
        ReadSideModule,
        AuditModule,
        AnalyticsModule,
        SlaModule,
        RoutingModule,
        MetricsModule,
        HealthModule,
        LifecycleModule,
        NotificationsModule,
        KnowledgeModule,
        MacrosModule,
        AutomationModule,
        MailModule,
        PrivacyModule,
        MailTransportModule,
        CustomersModule,
        SatisfactionModule,
        AutomationReactorsModule,
        LiveModule,
        DirectoryModule,
        SearchModule,
      ],
      // In this order: the rate limit first (it counts refused requests too), then who is asking.
      providers: [
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useExisting: AccessGuard },
      ],
    };
  }
}
