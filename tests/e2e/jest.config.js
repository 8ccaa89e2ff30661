// Browser tests of the H5 build: the real API process (embedded PGlite, demo data) serves
// dist-h5, and playwright-core drives Debian's Chromium. Run with `npm run test:e2e`.
module.exports = {
  rootDir: '../..',
  displayName: 'e2e',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/tests/e2e/**/*.e2e.test.js'],
  transform: {},
  testTimeout: 120000,
  maxWorkers: 1,
};
