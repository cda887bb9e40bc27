export * from './clock';
export * from './frozen-under-test';
