// Components render as the H5 build does.
process.env.TARO_ENV = 'h5';
globalThis.API_BASE = '';
