export * from './sla-facts-of';
export * from './sla-watch';
export * from './sla-policy-book';
