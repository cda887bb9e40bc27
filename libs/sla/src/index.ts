export * from './business-calendar';
export * from './business-time';
export * from './pakistan-calendar';
export * from './sla-policy';
export * from './sla-facts';
export * from './sla-clock';
export { SLA_TARGET_NAMES } from './target-clock';
export type { SlaTargetName, SlaTargetStatus, SlaTargetState, TargetClock } from './target-clock';
export * from './sla-events';
