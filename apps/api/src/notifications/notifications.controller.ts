import { Controller, Get, HttpCode, Param, Post, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { NotificationError } from '@helpdesk/notifications';
import { ReadModels } from '@helpdesk/projection-engine';
import { NOTIFICATIONS, NotificationView, TICKETS, TicketView } from '@helpdesk/projections';
import { notFound } from '@helpdesk/ticketing';
import { Allow } from '../auth/policy';
import { actorOf, CurrentPrincipal, Principal } from '../auth/principal';
import { problem } from '../http/problem';
import { ConsistencyInterceptor } from '../queries/consistency.interceptor';
import { ListTotals } from '../queries/list-totals';
import { PageQuery } from '../queries/dto/query-params';
import { anyOf } from '../queries/filters';
import { present } from '../queries/present';
import { ReadsFrom } from '../queries/reads-from.decorator';
import { canRead } from '../queries/ticket-access';
import { ListNotificationsQuery } from './dto/notification-queries';
import { NotificationCommandRunner } from './notification-command-runner';
import { NotificationsService } from './notifications.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A notification as staff see it: what was sent (or not yet) to whom, and how delivery went. */
function presentNotification(doc: NotificationView) {
  const { request, bouncedBy, attemptsInRound, sequence, ...rest } = present(doc);
  void request;
  void sequence;
  void bouncedBy;
  void attemptsInRound;
  return { ...rest, sent: doc.status === 'sent' };
}

@ApiTags('notifications')
@UseInterceptors(ConsistencyInterceptor)
@Controller()
export class NotificationsController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly totals: ListTotals,
    private readonly runner: NotificationCommandRunner,
    private readonly service: NotificationsService,
  ) {}

  @Get('tickets/:id/notifications') @Allow('tickets.notifications')
  @ReadsFrom(NOTIFICATIONS, TICKETS)
  @ApiOperation({ summary: 'What the helpdesk sent (or has yet to send) about a ticket, to whom, and how delivery went' })
  async forTicket(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() q: PageQuery) {
    if (!UUID.test(id)) throw notFound(id.slice(0, 80));
    const ticket = await (await this.readModels.collection<TicketView>(TICKETS)).findOne({ _id: id.toLowerCase() });
    if (!ticket || !canRead(principal, ticket)) throw notFound(id);
    const notifications = await this.readModels.collection<NotificationView>(NOTIFICATIONS);
    const page = await notifications.findPage({ ticketId: ticket._id }, { sort: { sequence: 1 }, limit: q.limit, cursor: q.cursor });
    return { items: page.items.map(presentNotification), nextCursor: page.nextCursor ?? null, relayConfigured: this.service.relayConfigured };
  }

  @Get('notifications') @Allow('notifications.list')
  @ReadsFrom(NOTIFICATIONS)
  @ApiOperation({ summary: 'Notifications by status (pending: not sent yet) and kind, newest first' })
  async list(@Query() q: ListNotificationsQuery) {
    const notifications = await this.readModels.collection<NotificationView>(NOTIFICATIONS);
    const filter = anyOf({ status: q.status, kind: q.kind });
    const page = await notifications.findPage(filter, { sort: { sequence: -1 }, limit: q.limit, cursor: q.cursor });
    return { items: page.items.map(presentNotification), nextCursor: page.nextCursor ?? null, ...(await this.totals.of(notifications, filter)), relayConfigured: this.service.relayConfigured };
  }

  @Post('notifications/:id/retry') @HttpCode(200) @Allow('notifications.retry')
  @ApiOperation({ summary: 'Try a failed notification again, with a fresh budget of attempts' })
  async retry(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    if (!UUID.test(id)) throw notificationProblem(new NotificationError('notification_not_found', `Notification ${id.slice(0, 80)} does not exist.`));
    try {
      const result = await this.runner.execute(id.toLowerCase(), { type: 'RetryNotification', data: {} }, { actor: actorOf(principal), correlationId: randomUUID() });
      res.setHeader('ETag', `"${result.revision}"`);
      return { id: result.id, revision: result.revision, position: result.position?.toString() ?? null };
    } catch (error) {
      if (error instanceof NotificationError) throw notificationProblem(error, id);
      throw error;
    }
  }
}

function notificationProblem(error: NotificationError, id?: string) {
  return error.code === 'notification_not_found'
    ? problem(404, 'notification-not-found', 'Notification not found', id ? `Notification ${id.slice(0, 80)} does not exist.` : error.message)
    : problem(409, 'illegal-transition', 'Not possible in the notification’s state', error.message);
}
