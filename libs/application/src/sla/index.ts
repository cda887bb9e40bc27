export * from './sla-facts-of';
export * from './sla-watch';
