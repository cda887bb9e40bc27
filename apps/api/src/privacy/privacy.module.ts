import { Module } from '@nestjs/common';
import { Settings, SETTINGS } from '../config/settings';
import { ErasureFollower } from './erasure-follower';
import { ErasureSigner } from './erasure-signer';
import { PrivacyController } from './privacy.controller';
import { RetentionReactor } from './retention.reactor';
import { SubjectErasure } from './subject-erasure.service';

/** Personal data: erasure by crypto-shredding, subject access exports, retention. The sealing itself is in StorageModule's event store. */
@Module({
  controllers: [PrivacyController],
  providers: [{ provide: ErasureSigner, inject: [SETTINGS], useFactory: (s: Settings) => new ErasureSigner(s) }, SubjectErasure, ErasureFollower, RetentionReactor],
  exports: [SubjectErasure, RetentionReactor],
})
export class PrivacyModule {}
