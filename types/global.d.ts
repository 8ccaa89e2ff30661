/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.scss';

/** API base URL baked into each build by config/index.ts ('' on H5: same origin). */
declare const API_BASE: string;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5';
  }
}
