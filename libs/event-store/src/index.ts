export * from './position';
export * from './expected-revision';
export * from './event-store.errors';
export * from './stored-event';
export * from './event-store.port';
export * from './sqlite-event-store';
export * from './create-event-store';
export * from './hash-chain';
