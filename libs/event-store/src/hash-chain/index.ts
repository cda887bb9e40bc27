export * from './event-hash';
export * from './hash-chaining-event-store';
export * from './chain-verification';
