export * from './feed-checkpointer';
