export * from './verification-events';
export * from './verification-commands';
export * from './verification-state';
export * from './verification-error';
export * from './decide-verification';
export * from './verification-secrets';
