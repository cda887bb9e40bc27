export * from './padded-position';
export * from './projection';
export * from './unit-of-work';
export * from './projection-registry';
export * from './dead-letter';
export * from './projection-runner';
export * from './projection-engine';
export * from './read-models';
