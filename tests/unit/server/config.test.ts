import path from 'node:path';
import { loadConfig } from '../../../server/src/config';

describe('loadConfig', () => {
  it('defaults to the embedded database under .data/, on 127.0.0.1:3000, with demo data and no dev login', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: path.resolve(process.cwd(), '.data'),
      databaseUrl: null,
      devLogin: false,
      seedDemo: true,
      trustProxy: false,
    });
    expect(c.wechat).toEqual({ appId: null, secret: null, apiBase: 'https://api.weixin.qq.com', timeoutMs: 5000, templates: {} });
  });

  it('does not seed demo data into a PostgreSQL server unless SEED_DEMO=1', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y' }).seedDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y', SEED_DEMO: '1' }).seedDemo).toBe(true);
  });

  it('refuses to start in production without real secrets', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', ID_HASH_SECRET: 'x' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x' })).toThrow(/ID_HASH_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a', ID_HASH_SECRET: 'b' }).jwtSecret).toBe('a');
  });

  it('reads the WeChat settings and strips a trailing slash from the API base', () => {
    const c = loadConfig({ WECHAT_APPID: 'wx1', WECHAT_SECRET: 's', WECHAT_API_BASE: 'http://127.0.0.1:9/' });
    expect(c.wechat).toMatchObject({ appId: 'wx1', secret: 's', apiBase: 'http://127.0.0.1:9' });
  });

  it('reads a subscribe-message template id per message kind, ignoring blanks', () => {
    const c = loadConfig({ WECHAT_TEMPLATE_BOOKING: 'tpl-booking-1', WECHAT_TEMPLATE_OFFER: '  ' } as NodeJS.ProcessEnv);
    expect(c.wechat.templates).toEqual({ booking: 'tpl-booking-1' });
  });

  it('caches the public catalogue for 1 s by default, 0 switches it off, and refuses more than 1 s (live seat counts)', () => {
    expect(loadConfig({}).catalogCacheMs).toBe(1000);
    expect(loadConfig({ CATALOG_CACHE_MS: '0' }).catalogCacheMs).toBe(0);
    expect(loadConfig({ CATALOG_CACHE_MS: '500' }).catalogCacheMs).toBe(500);
    for (const bad of ['5000', '-1', '1.5', 'soon']) expect(() => loadConfig({ CATALOG_CACHE_MS: bad })).toThrow(/CATALOG_CACHE_MS/);
  });
});
