export * from './read-store.port';
export * from './read-store.errors';
export * from './sqlite-read-store';
export * from './create-read-store';
export * from './read-store-capabilities';
export * from './without-transactions';
