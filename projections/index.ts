import { Projection } from '@helpdesk/projection-engine';
import { agentsProjection } from './agents.projection';
import { auditTrailProjection } from './audit-trail.projection';
import { mailProjection } from './mail.projection';
import { metricsProjection } from './metrics.projection';
import { notificationsProjection } from './notifications.projection';
import { queueProjection } from './queue.projection';
import { slaBreachesProjection } from './sla-breaches.projection';
import { SlaPolicies } from './ticket-sla';
import { ticketsProjection } from './tickets.projection';
import { usersProjection } from './users.projection';
import { workloadProjection } from './workload.projection';
import { knowledgeProjection } from './knowledge.projection';
import { macrosProjection } from './macros.projection';
import { ruleClocksProjection } from './rule-clocks.projection';
import { automationRulesProjection } from './automation-rules.projection';
import { ruleFiringsProjection } from './rule-firings.projection';
import { ticketSearchProjection } from './ticket-search.projection';

export * from './ticket-view';
export * from './ticket-core';
export * from './ticket-event';
export * from './ticket-sla';
export * from './tickets.projection';
export * from './queue.projection';
export * from './sla-breaches.projection';
export * from './audit-trail.projection';
export * from './workload.projection';
export * from './metrics.projection';
export * from './satisfaction-rating';
export * from './agents.projection';
export * from './users.projection';
export * from './notifications.projection';
export * from './mail.projection';
export * from './knowledge.projection';
export * from './macros.projection';
export * from './rule-clocks.projection';
export * from './automation-rules.projection';
export * from './rule-firings.projection';
export * from './ticket-search.projection';

/** Every read model the helpdesk serves. */
export function allProjections(options: { slaPolicies?: SlaPolicies } = {}): Projection[] {
  return [
    ticketsProjection(options.slaPolicies),
    queueProjection(options.slaPolicies),
    slaBreachesProjection(options.slaPolicies),
    auditTrailProjection(),
    workloadProjection(),
    metricsProjection({ policies: options.slaPolicies }),
    agentsProjection(),
    usersProjection(),
    notificationsProjection(),
    mailProjection(),
    knowledgeProjection(),
    macrosProjection(),
    ruleClocksProjection(),
    automationRulesProjection(),
    ruleFiringsProjection(),
    ticketSearchProjection(options.slaPolicies),
  ];
}
