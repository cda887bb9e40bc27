import { Projection } from '@helpdesk/projection-engine';
import { auditTrailProjection } from './audit-trail.projection';
import { queueProjection } from './queue.projection';
import { slaBreachesProjection } from './sla-breaches.projection';
import { SlaTargets } from './sla-targets';
import { ticketsProjection } from './tickets.projection';
import { usersProjection } from './users.projection';
import { workloadProjection } from './workload.projection';

export * from './ticket-view';
export * from './ticket-core';
export * from './ticket-event';
export * from './sla-targets';
export * from './tickets.projection';
export * from './queue.projection';
export * from './sla-breaches.projection';
export * from './audit-trail.projection';
export * from './workload.projection';
export * from './users.projection';

/** Every read model the helpdesk serves. */
export function allProjections(options: { slaTargets?: SlaTargets } = {}): Projection[] {
  return [
    ticketsProjection(options.slaTargets),
    queueProjection(options.slaTargets),
    slaBreachesProjection(options.slaTargets),
    auditTrailProjection(),
    workloadProjection(),
    usersProjection(),
  ];
}
