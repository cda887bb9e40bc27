export * from './agent-command-runner';
