export * from './message-id';
