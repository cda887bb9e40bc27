export * from './command-errors';
export * from './request-hash';
export * from './ticket-event-codec';
export * from './ticket-number-allocator';
export * from './ticket-command-runner';
export * from './history';
export * from './audit';
export * from './sla';
