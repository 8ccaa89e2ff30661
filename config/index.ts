import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

// One Taro config for both targets. The H5 build gets its own output folder so it never
// overwrites the weapp `dist/` that WeChat DevTools opens
// (docs/adr/0015-taro-4-2-on-webpack5.md).
export default defineConfig<'webpack5'>(async (merge) => {
  const isH5 = process.env.TARO_ENV === 'h5';
  // Taro writes TARO_APP_ID into dist/project.config.json in place of `touristappid`; the
  // checked-in project.config.json keeps the placeholder for development.
  if (process.env.WECHAT_APPID) process.env.TARO_APP_ID = process.env.WECHAT_APPID;
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'youth-hub',
    date: '2026-11-23',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: isH5 ? 'dist-h5' : 'dist',
    plugins: [],
    defineConstants: {
      // The API base URL baked into each build; H5 is served by the API itself (same origin).
      API_BASE: JSON.stringify(process.env.API_BASE ?? (isH5 ? '' : 'http://127.0.0.1:3000')),
      DEV_LOGIN_UI: JSON.stringify(
        process.env.NODE_ENV !== 'production' || process.env.DEV_LOGIN_UI === '1',
      ),
    },
    alias: { '@': path.resolve(__dirname, '..', 'src') },
    // tokens and the care-mode size functions, available in every .scss without an import
    sass: { resource: [path.resolve(__dirname, '..', 'src/styles/tokens.scss')] },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      // Taro repeats its node templates once per nesting level in base.wxml (main package);
      // deeper trees fall back to a recursive component. 8 levels cover our pages and save ~30 KB.
      // (Taro reads it but its config type does not declare it, hence the spread.)
      ...({ baseLevel: 8 } as object),
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: {
            namingPattern: 'module',
            generateScopedName: '[name]__[local]___[hash:base64:5]',
          },
        },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        // Drawn in CSS pixels, not scaled from the phone's design width: the desktop console, the
        // PC layouts of wide pages (public-wide, dash-wide) and the PC frame (selectors starting
        // with `html`, src/app.scss). Upper-case PX cannot mark them: Prettier lower-cases units.
        pxtransform: {
          enable: true,
          config: { selectorBlackList: [/^\.console/, /^html\b/, /public-wide/, /dash-wide/] },
        },
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: {
            namingPattern: 'module',
            generateScopedName: '[name]__[local]___[hash:base64:5]',
          },
        },
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
