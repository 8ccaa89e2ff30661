// Taro's preset compiles the mini-program (and its jest tests); the server code is compiled by
// the jest `api`/`unit` projects with plain preset-env + TypeScript (see jest.config.js).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
