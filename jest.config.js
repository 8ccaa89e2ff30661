// Four projects, one per test layer; tests/ mirrors the tree it tests (docs/architecture.md#the-tree).
// - unit:       pure logic (contract rules, stores, server helpers) in node
// - components: Taro React components in jsdom with Testing Library
// - mp:         native WeChat components and the built weapp pages, in miniprogram-simulate
// - api:        buildApp + inject on a fresh PGlite, or on PostgreSQL when DATABASE_URL is set
const nodeBabel = {
  babelrc: false,
  configFile: false,
  presets: [
    ['@babel/preset-env', { targets: { node: 'current' } }],
    ['@babel/preset-typescript', { allowDeclareFields: true }],
  ],
};
const alias = { '^@/(.*)$': '<rootDir>/src/$1' };

// Taro ships ESM that jest must transform.
const taroEsm = [
  '@tarojs',
  '@stencil',
  'swiper',
  'ssr-window',
  'dom7',
  'lodash-es',
  'query-string',
  'decode-uri-component',
  'split-on-first',
  'filter-obj',
  'nanoid',
].join('|');

const taroGlobals = {
  ENABLE_INNER_HTML: true,
  ENABLE_ADJACENT_HTML: true,
  ENABLE_SIZE_APIS: true,
  ENABLE_TEMPLATE_CONTENT: true,
  ENABLE_MUTATION_OBSERVER: true,
  ENABLE_CLONE_NODE: true,
  ENABLE_CONTAINS: true,
  DEPRECATED_ADAPTER_COMPONENT: false,
  __TARO_FRAMEWORK__: 'react',
};

module.exports = {
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/unit/**/*.test.ts'],
      transform: { '^.+\\.[tj]sx?$': ['babel-jest', nodeBabel] },
      moduleNameMapper: alias,
    },
    {
      displayName: 'components',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/tests/components/**/*.test.ts?(x)'],
      setupFiles: ['<rootDir>/tests/components/setup-env.js'],
      setupFilesAfterEnv: ['<rootDir>/tests/components/setup-after-env.ts'],
      globals: taroGlobals,
      transform: { '^.+\\.(m?[tj]sx?)$': 'babel-jest' },
      // Everything inside @tarojs (it nests its own ESM node_modules) plus the ESM it depends on.
      transformIgnorePatterns: [`^(?!.*/node_modules/@tarojs/).*/node_modules/(?!(${taroEsm})/)`],
      moduleNameMapper: {
        '^@tarojs/components$': '@tarojs/components/lib/react',
        '^@tarojs/taro$': '<rootDir>/tests/components/taro-shim.ts',
        '\\.(css|scss|sass|less)$': 'identity-obj-proxy',
        ...alias,
      },
    },
    {
      displayName: 'mp',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/tests/mp/**/*.test.js'],
      transform: {},
    },
    {
      displayName: 'api',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/api/**/*.test.ts'],
      transform: { '^.+\\.[tj]sx?$': ['babel-jest', nodeBabel] },
      moduleNameMapper: alias,
    },
  ],
};
