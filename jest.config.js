/** Jest runs the TypeScript sources directly (swc strips the types; `pnpm typecheck` checks them). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages'],
  testMatch: ['**/test/**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  moduleNameMapper: {
    '^@chokepoint/viewer$': '<rootDir>/packages/viewer/src/node',
    '^@chokepoint/([a-z0-9-]+)$': '<rootDir>/packages/$1/src',
    '^@chokepoint/([a-z0-9-]+)/testing$': '<rootDir>/packages/$1/src/testing/index.ts',
    '^@chokepoint/([a-z0-9-]+)/([a-z0-9-]+)$': '<rootDir>/packages/$1/src/$2',
  },
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.js'],
};
