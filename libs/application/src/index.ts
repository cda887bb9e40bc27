export * from './command-errors';
export * from './request-hash';
export * from './ticket-event-codec';
export * from './ticket-number-allocator';
export * from './ticket-command-runner';
export * from './user-event-codec';
export * from './user-directory';
export * from './user-accounts';
