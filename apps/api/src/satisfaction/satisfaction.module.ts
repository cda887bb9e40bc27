import { Module } from '@nestjs/common';
import { Settings, SETTINGS } from '../config/settings';
import { resolveSatisfactionLinkSecret, SATISFACTION_LINK_KEY } from './satisfaction-link-secret';
import { SatisfactionController } from './satisfaction.controller';
import { SatisfactionService } from './satisfaction.service';

@Module({
  controllers: [SatisfactionController],
  providers: [{ provide: SATISFACTION_LINK_KEY, inject: [SETTINGS], useFactory: (s: Settings) => resolveSatisfactionLinkSecret(s) }, SatisfactionService],
  exports: [SatisfactionService, SATISFACTION_LINK_KEY],
})
export class SatisfactionModule {}
