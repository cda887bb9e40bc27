export * from './clock';
export * from './frozen-under-test';
export * from './background-checkpoints';
