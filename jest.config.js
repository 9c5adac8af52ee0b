/** Jest runs every suite serially (Strapi, Node-RED and SQLite are one-per-process). */
module.exports = {
  testEnvironment: 'node',
  roots: [
    '<rootDir>/config',
    '<rootDir>/plugins',
    '<rootDir>/flows',
    '<rootDir>/test',
    '<rootDir>/admin/src',
  ],
  testMatch: ['**/__tests__/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { isolatedModules: true, tsconfig: '<rootDir>/tsconfig.json' }],
  },
  modulePathIgnorePatterns: [
    '<rootDir>/.*/dist/',
    '<rootDir>/cms/.tmp/',
    '<rootDir>/cms/.cache/',
    '<rootDir>/cms/.strapi/',
    '<rootDir>/var/',
  ],
  // The admin's data providers use only ra-core's part of react-admin; the rest (MUI, ESM-only
  // hotkeys) is for the browser and need not load in Node.
  moduleNameMapper: { '^react-admin$': 'ra-core' },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
