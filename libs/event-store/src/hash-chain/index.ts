export * from './event-hash';
export * from './hash-chaining-event-store';
export * from './chain-verification';
export * from './feed-checkpoint';
export * from './feed-verifier';
