/** Jest projects: fast pure tests first, then adapters, then the HTTP app and processes. */
const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
    target: 'es2022',
  },
  module: { type: 'commonjs' },
}];
const moduleNameMapper = {
  '^@helpdesk/ticketing$': '<rootDir>/libs/ticketing/src',
  '^@helpdesk/identity$': '<rootDir>/libs/identity/src',
  '^@helpdesk/event-store$': '<rootDir>/libs/event-store/src',
  '^@helpdesk/read-store$': '<rootDir>/libs/read-store/src',
  '^@helpdesk/shared$': '<rootDir>/libs/shared/src',
  '^@helpdesk/application$': '<rootDir>/libs/application/src',
  '^@helpdesk/projection-engine$': '<rootDir>/libs/projection-engine/src',
  '^@helpdesk/sla$': '<rootDir>/libs/sla/src',
  '^@helpdesk/routing$': '<rootDir>/libs/routing/src',
  '^@helpdesk/projections$': '<rootDir>/projections',
  '^@helpdesk/mail$': '<rootDir>/libs/mail/src',
  '^@helpdesk/blob-store$': '<rootDir>/libs/blob-store/src',
  '^@helpdesk/notifications$': '<rootDir>/libs/notifications/src',
  '^@helpdesk/knowledge$': '<rootDir>/libs/knowledge/src',
  '^@helpdesk/operations$': '<rootDir>/libs/operations/src',
  '^@helpdesk/privacy$': '<rootDir>/libs/privacy/src',
  '^@helpdesk/automation$': '<rootDir>/libs/automation/src',
};
const common = { transform: { '^.+\\.ts$': swc }, moduleNameMapper, testEnvironment: 'node', rootDir: __dirname };

module.exports = {
  // Generous: tests wait for conditions, so only a busy machine comes near it (the suite must pass
  // on a loaded two-core machine); benchmarks, not tests, measure speed.
  testTimeout: 120_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/projections/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'], testPathIgnorePatterns: ['/node_modules/', '<rootDir>/apps/api/ui/'] },
    { ...common, displayName: 'contract', testMatch: ['<rootDir>/test/contract/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
    { ...common, displayName: 'fault', testMatch: ['<rootDir>/test/fault/**/*.test.ts'] },
    // schemathesis against the app's own OpenAPI document (bounded here; `npm run fuzz` runs longer).
    { ...common, displayName: 'fuzz', testMatch: ['<rootDir>/test/fuzz/**/*.test.ts'] },
    // The agent UI's own modules; its i18n libraries ship ES modules only, so swc compiles them too.
    {
      ...common,
      displayName: 'ui',
      testMatch: ['<rootDir>/apps/api/ui/src/**/*.spec.ts'],
      transform: { '^.+\\.(ts|js)$': swc },
      transformIgnorePatterns: ['/node_modules/(?!(intl-messageformat|@formatjs)/)'],
    },
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.test.ts'] },
  ],
};
