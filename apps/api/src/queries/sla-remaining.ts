import { Inject, Injectable } from '@nestjs/common';
import { SlaPolicyBook } from '@helpdesk/application';
import { SlaPolicies, TicketCore } from '@helpdesk/projections';
import { Clock, CLOCK } from '@helpdesk/shared';
import { businessMinutesBetween } from '@helpdesk/sla';

/**
 * Business minutes left on each running SLA target, as of the moment of the request (documents
 * hold deadlines, which do not go stale; "minutes left" would). Negative when late.
 */
@Injectable()
export class SlaRemaining {
  constructor(
    @Inject(SlaPolicyBook) private readonly policies: SlaPolicies,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async annotate<T extends TicketCore>(doc: T): Promise<T> {
    if (!doc.sla || !doc.open) return doc;
    const calendar = (await this.policies.get(doc.sla.policy)).classes[doc.sla.slaClass].calendar;
    const now = this.clock.now();
    const left = (dueAt: string | null, status: string) =>
      dueAt && (status === 'running' || status === 'breached') ? Math.round(businessMinutesBetween(calendar, now, new Date(dueAt))) : null;
    return {
      ...doc,
      sla: {
        ...doc.sla,
        firstResponse: { ...doc.sla.firstResponse, businessMinutesRemaining: left(doc.sla.firstResponse.dueAt, doc.sla.firstResponse.status) },
        resolution: { ...doc.sla.resolution, businessMinutesRemaining: left(doc.sla.resolution.dueAt, doc.sla.resolution.status) },
      },
    };
  }
}
