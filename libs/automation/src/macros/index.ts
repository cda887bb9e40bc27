export * from './macro';
export * from './macro-error';
export * from './macro-events';
export * from './macro-commands';
export * from './macro-state';
export * from './decide-macro';
export * from './plan-macro';
