import { Module } from '@nestjs/common';
import { ConsistencyInterceptor } from '../queries/consistency.interceptor';
import { DirectoryController } from './directory.controller';

/** Names for ids: the staff directory screens resolve actors and assignees with. */
@Module({
  controllers: [DirectoryController],
  providers: [ConsistencyInterceptor],
})
export class DirectoryModule {}
