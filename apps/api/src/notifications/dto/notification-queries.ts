import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
import { NOTIFICATION_KINDS, NotificationKind, NotificationStatus } from '@helpdesk/notifications';
import { PageQuery } from '../../queries/dto/query-params';

const list = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value);
export const NOTIFICATION_STATUSES: readonly NotificationStatus[] = ['pending', 'sent', 'failed', 'withdrawn'];

export class ListNotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: NOTIFICATION_STATUSES, isArray: true, description: 'pending: recorded, not sent yet; withdrawn: never to be sent, its recipient was erased' })
  @IsOptional() @Transform(list) @IsIn(NOTIFICATION_STATUSES, { each: true })
  status?: NotificationStatus[];

  @ApiPropertyOptional({ enum: NOTIFICATION_KINDS, isArray: true })
  @IsOptional() @Transform(list) @IsIn(NOTIFICATION_KINDS, { each: true })
  kind?: NotificationKind[];
}
