import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { EmailVerifications } from '@helpdesk/application';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { Clock, CLOCK } from '@helpdesk/shared';
import { AuthModule } from '../auth/auth.module';
import { Settings, SETTINGS } from '../config/settings';
import { AttachmentIntake } from '../tickets/attachments/attachment-intake';
import { UploadProblemsInterceptor } from '../tickets/attachments/upload-problems.interceptor';
import { CustomerAccessController } from './customer-access.controller';
import { CustomerAccessService } from './customer-access.service';
import { VerificationRequestThrottle } from './request-throttle';
import { WebFormController } from './web-form.controller';

/** Customers without staff: sign-up and sign-in by email, and the public web form. */
@Module({
  imports: [
    AuthModule,
    // The web form's uploads: held in memory, with the same limits as POST /tickets.
    MulterModule.registerAsync({
      inject: [SETTINGS],
      useFactory: (s: Settings) => ({
        limits: { fileSize: s.ATTACHMENT_MAX_BYTES, files: s.ATTACHMENT_MAX_COUNT, fields: 100, fieldSize: 256 * 1024, parts: s.ATTACHMENT_MAX_COUNT + 100 },
        defParamCharset: 'utf8',
      }),
    }),
  ],
  controllers: [CustomerAccessController, WebFormController],
  providers: [
    {
      provide: EmailVerifications,
      inject: [EVENT_STORE, CLOCK, SETTINGS],
      useFactory: (store: EventStore, clock: Clock, s: Settings) =>
        new EmailVerifications(store, clock, {
          ttlMinutes: s.CUSTOMER_CODE_TTL_MINUTES,
          maxRequestsPerWindow: s.CUSTOMER_CODES_PER_ADDRESS,
          maxCodeFailuresPerWindow: s.CUSTOMER_CODE_MAX_FAILURES,
          windowMinutes: s.CUSTOMER_CODE_WINDOW_MINUTES,
        }),
    },
    CustomerAccessService,
    VerificationRequestThrottle,
    AttachmentIntake,
    UploadProblemsInterceptor,
  ],
})
export class CustomersModule {}
