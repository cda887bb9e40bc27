export * from './event-sentence';
export * from './ticket-history';
