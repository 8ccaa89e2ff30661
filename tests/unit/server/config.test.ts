import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DEV_JWT_SECRET,
  DEV_PHONE_KEYS,
  loadConfig,
  parseTrustProxy,
} from '../../../server/src/config';

const DEV = { NODE_ENV: 'development' } as const;
/** What a production start needs at least. */
const PROD = {
  NODE_ENV: 'production',
  JWT_SECRET: 'j'.repeat(32),
  ID_HASH_SECRET: 'h'.repeat(32),
  PUBLIC_BASE_URL: 'https://youth.example.cn',
  PHONE_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
} as const;

/** The message loadConfig refuses with (fails the test when it does not refuse). */
function refusal(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('in development defaults to the embedded database under .data/, on 127.0.0.1:3000, with demo data, docs and no dev login', () => {
    const c = loadConfig(DEV);
    expect(c).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      host: '127.0.0.1',
      dataDir: path.resolve(process.cwd(), '.data'),
      databaseUrl: null,
      devLogin: false,
      seedDemo: true,
      docs: true,
      publicBaseUrl: 'http://127.0.0.1:3000',
      trustProxy: false,
      logLevel: 'info',
      rushLimits: { windowMs: 10_000, perUser: 20, perIp: 2000 },
      maxEventLoopDelayMs: 1000,
      dbLimits: { poolMax: 10, poolWaitMs: 2000, lockTimeoutMs: 2000, statementTimeoutMs: 30_000 },
      enrollBatchMax: 32,
    });
    expect(c.wechat).toEqual({
      appId: null,
      secret: null,
      apiBase: 'https://api.weixin.qq.com',
      timeoutMs: 5000,
      templates: {},
      wxacodeEnv: 'develop',
    });
  });

  it('does not seed demo data into a PostgreSQL server unless SEED_DEMO=1', () => {
    expect(loadConfig({ ...DEV, DATABASE_URL: 'postgres://x/y' }).seedDemo).toBe(false);
    expect(loadConfig({ ...DEV, DATABASE_URL: 'postgres://x/y', SEED_DEMO: '1' }).seedDemo).toBe(
      true,
    );
  });

  it('reads the WeChat settings and strips a trailing slash from the API base', () => {
    const c = loadConfig({
      ...DEV,
      WECHAT_APPID: 'wx1',
      WECHAT_SECRET: 's',
      WECHAT_API_BASE: 'http://127.0.0.1:9/',
    });
    expect(c.wechat).toMatchObject({ appId: 'wx1', secret: 's', apiBase: 'http://127.0.0.1:9' });
  });

  it('reads a subscribe-message template per message kind with its field keys', () => {
    const templates = {
      booking: { id: 'tpl-booking-1', fields: { thing1: 'title', phrase2: 'kind', time3: 'time' } },
      offer: { id: ' tpl-offer ', fields: { thing4: 'body', character_string2: { value: 'A-1' } } },
    };
    const c = loadConfig({ ...DEV, WECHAT_SUBSCRIBE_TEMPLATES: JSON.stringify(templates) });
    expect(c.wechat.templates).toEqual({
      booking: templates.booking,
      offer: { ...templates.offer, id: 'tpl-offer' },
    });
  });

  it('refuses a template mapping WeChat would refuse, naming the kind and the field', () => {
    const bad = (templates: unknown) =>
      refusal({ ...DEV, WECHAT_SUBSCRIBE_TEMPLATES: JSON.stringify(templates) });
    expect(refusal({ ...DEV, WECHAT_SUBSCRIBE_TEMPLATES: '{booking' })).toMatch(
      /WECHAT_SUBSCRIBE_TEMPLATES.*JSON/,
    );
    expect(bad({ bookings: { id: 't', fields: { thing1: 'title' } } })).toMatch(/bookings/);
    expect(bad({ booking: { fields: { thing1: 'title' } } })).toMatch(/booking: 应为/);
    expect(bad({ booking: { id: 't', fields: {} } })).toMatch(/booking: fields 为空/);
    expect(bad({ booking: { id: 't', fields: { thingy1: 'title' } } })).toMatch(/booking\.thingy1/);
    expect(bad({ booking: { id: 't', fields: { thing1: 'author' } } })).toMatch(/booking\.thing1/);
    // free text only where it can be cut to fit; the time only into time/date fields
    expect(bad({ booking: { id: 't', fields: { phrase1: 'title' } } })).toMatch(/phrase1/);
    expect(bad({ booking: { id: 't', fields: { thing1: 'time' } } })).toMatch(/thing1/);
    expect(bad({ booking: { id: 't', fields: { time1: 'title' } } })).toMatch(/time1/);
    // fixed texts and the kind's label are checked against their field's rule
    expect(bad({ booking: { id: 't', fields: { phrase1: { value: '已经审核通过' } } } })).toMatch(
      /phrase1.*5/,
    );
    expect(bad({ booking: { id: 't', fields: { character_string1: { value: '审核' } } } })).toMatch(
      /character_string1/,
    );
    expect(bad({ booking: { id: 't', fields: { letter1: 'kind' } } })).toMatch(/letter1/);
  });

  it('refuses the retired WECHAT_TEMPLATE_<KIND> variables instead of silently sending nothing', () => {
    expect(refusal({ ...PROD, WECHAT_TEMPLATE_BOOKING: 'tpl-1' })).toMatch(
      /WECHAT_TEMPLATE_BOOKING.*WECHAT_SUBSCRIBE_TEMPLATES/,
    );
    expect(loadConfig({ ...DEV, WECHAT_TEMPLATE_BOOKING: ' ' }).wechat.templates).toEqual({});
  });

  it('makes 小程序码 for the released mini-program unless told otherwise, and only release/trial/develop', () => {
    expect(loadConfig(PROD).wechat.wxacodeEnv).toBe('release');
    expect(loadConfig({ ...PROD, WECHAT_WXACODE_ENV: 'trial' }).wechat.wxacodeEnv).toBe('trial');
    expect(refusal({ ...PROD, WECHAT_WXACODE_ENV: 'beta' })).toMatch(/WECHAT_WXACODE_ENV/);
  });

  it('caches the public catalogue for 1 s by default, 0 switches it off, and refuses more than 1 s (live seat counts)', () => {
    expect(loadConfig(DEV).catalogCacheMs).toBe(1000);
    expect(loadConfig({ ...DEV, CATALOG_CACHE_MS: '0' }).catalogCacheMs).toBe(0);
    expect(loadConfig({ ...DEV, CATALOG_CACHE_MS: '500' }).catalogCacheMs).toBe(500);
    for (const bad of ['5000', '-1', '1.5', 'soon'])
      expect(refusal({ ...DEV, CATALOG_CACHE_MS: bad })).toMatch(/CATALOG_CACHE_MS/);
  });

  it('treats a blank variable as unset and reads flags case-insensitively', () => {
    const c = loadConfig({ ...DEV, PORT: '', DATABASE_URL: ' ', DEV_LOGIN: 'ON', DOCS: 'False' });
    expect(c).toMatchObject({ port: 3000, databaseUrl: null, devLogin: true, docs: false });
  });
});

describe('PHONE_KEYS: the keys phones are encrypted under', () => {
  const key = (byte: number, bytes = 32) => Buffer.alloc(bytes, byte).toString('base64');

  it('reads id:base64 entries, the first one encrypting', () => {
    const c = loadConfig({ ...PROD, PHONE_KEYS: `k2:${key(2)}, k1:${key(1)}` });
    expect(
      c.phoneKeys.map((k) => [k.id, k.key.equals(Buffer.alloc(32, k.id === 'k2' ? 2 : 1))]),
    ).toEqual([
      ['k2', true],
      ['k1', true],
    ]);
  });

  it('uses the published dev key only in development and test', () => {
    expect(loadConfig(DEV).phoneKeys[0].id).toBe('dev');
    expect(refusal({ ...PROD, PHONE_KEYS: undefined })).toMatch(/PHONE_KEYS: missing/);
    expect(refusal({ ...PROD, PHONE_KEYS: DEV_PHONE_KEYS })).toMatch(
      /PHONE_KEYS: holds the published development key/,
    );
  });

  it('refuses a key that is not exactly 32 bytes, a malformed entry and a repeated id', () => {
    for (const bad of [`k1:${key(1, 31)}`, `k1:${key(1, 33)}`, key(1), `k 1:${key(1)}`])
      expect(refusal({ ...PROD, PHONE_KEYS: bad })).toMatch(/PHONE_KEYS: each entry/);
    expect(refusal({ ...PROD, PHONE_KEYS: `a:${key(1)},a:${key(2)}` })).toMatch(
      /PHONE_KEYS: key id a appears twice/,
    );
  });
});

describe('fails closed: dev secrets only when NODE_ENV says development or test', () => {
  it('uses the published dev secrets in development and test only', () => {
    expect(loadConfig(DEV).jwtSecret).toBe(DEV_JWT_SECRET);
    expect(loadConfig({ NODE_ENV: 'test' }).jwtSecret).toBe(DEV_JWT_SECRET);
  });

  it('refuses to start with NODE_ENV unset and no secrets, naming each missing variable', () => {
    const message = refusal({});
    expect(message).toMatch(/JWT_SECRET.*NODE_ENV unset counts as production/);
    expect(message).toMatch(/ID_HASH_SECRET/);
    expect(message).toMatch(/PUBLIC_BASE_URL/);
    expect(message).toMatch(/PHONE_KEYS/);
  });

  it('names only the variable that is missing', () => {
    const noJwt = refusal({ ...PROD, JWT_SECRET: undefined });
    expect(noJwt).toMatch(/JWT_SECRET: missing/);
    expect(noJwt).not.toMatch(/ID_HASH_SECRET|PUBLIC_BASE_URL|PHONE_KEYS/);
    const noHash = refusal({ ...PROD, ID_HASH_SECRET: '' });
    expect(noHash).toMatch(/ID_HASH_SECRET: missing/);
    expect(noHash).not.toMatch(/JWT_SECRET/);
  });

  it('refuses secrets shorter than 32 characters and the published dev secret outside development', () => {
    expect(refusal({ ...PROD, JWT_SECRET: 'x'.repeat(31) })).toMatch(
      /JWT_SECRET: too short \(31 characters, at least 32\)/,
    );
    expect(refusal({ ...PROD, ID_HASH_SECRET: 'short' })).toMatch(/ID_HASH_SECRET: too short/);
    expect(refusal({ ...PROD, JWT_SECRET: DEV_JWT_SECRET })).toMatch(
      /JWT_SECRET: is the published development value/,
    );
  });

  it('runs an unset NODE_ENV with real secrets as production: no dev login, no docs', () => {
    const { NODE_ENV: _unset, ...noNodeEnv } = PROD;
    const c = loadConfig({ ...noNodeEnv, DEV_LOGIN: undefined });
    expect(c).toMatchObject({
      nodeEnv: 'production',
      jwtSecret: PROD.JWT_SECRET,
      idHashSecret: PROD.ID_HASH_SECRET,
      devLogin: false,
      docs: false,
    });
  });

  it('refuses the dev login outside development and test', () => {
    expect(refusal({ ...PROD, DEV_LOGIN: '1' })).toMatch(
      /DEV_LOGIN: needs NODE_ENV=development or test/,
    );
    const { NODE_ENV: _unset, ...noNodeEnv } = PROD;
    expect(refusal({ ...noNodeEnv, DEV_LOGIN: '1' })).toMatch(/DEV_LOGIN/);
    expect(loadConfig({ NODE_ENV: 'test', DEV_LOGIN: '1' }).devLogin).toBe(true);
  });

  it('serves the docs in production only with DOCS=1', () => {
    expect(loadConfig(PROD).docs).toBe(false);
    expect(loadConfig({ ...PROD, DOCS: '1' }).docs).toBe(true);
  });

  it('migrates at start in development only; production runs npm run migrate (MIGRATE_ON_BOOT=1 overrides)', () => {
    expect(loadConfig(DEV).migrateOnBoot).toBe(true);
    expect(loadConfig(PROD).migrateOnBoot).toBe(false);
    expect(loadConfig({ ...PROD, MIGRATE_ON_BOOT: '1' }).migrateOnBoot).toBe(true);
  });

  it('runs the jobs unless JOBS is off, and reads the metrics token', () => {
    expect(loadConfig(PROD)).toMatchObject({ jobs: true, metricsToken: null });
    expect(loadConfig({ ...PROD, JOBS: 'OFF', METRICS_TOKEN: 'm'.repeat(24) })).toMatchObject({
      jobs: false,
      metricsToken: 'm'.repeat(24),
    });
    expect(refusal({ ...PROD, JOBS: 'sometimes' })).toMatch(/JOBS/);
  });

  it('takes PUBLIC_BASE_URL as given, without a trailing slash', () => {
    expect(
      loadConfig({ ...PROD, PUBLIC_BASE_URL: 'https://youth.example.cn/hub/' }).publicBaseUrl,
    ).toBe('https://youth.example.cn/hub');
  });
});

describe('every variable through one schema: a bad value stops the start and names the variable', () => {
  const cases: Array<[string, string]> = [
    ['NODE_ENV', 'staging'],
    ['NODE_ENV', 'prod'],
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['RUSH_LIMIT_PER_USER', '-1'],
    ['RUSH_LIMIT_PER_IP', '-5'],
    ['RUSH_LIMIT_PER_IP', '0'],
    ['MAX_EVENT_LOOP_DELAY_MS', '-1'],
    ['DB_POOL_MAX', '0'],
    ['ENROLL_BATCH_MAX', '0'],
    ['ENROLL_BATCH_MAX', '61'],
    ['DB_LOCK_TIMEOUT_MS', 'soon'],
    ['DB_STATEMENT_TIMEOUT_MS', '-1'],
    ['WECHAT_TIMEOUT_MS', 'fast'],
    ['WORKERS', '0'],
    ['DEV_LOGIN', 'maybe'],
    ['SEED_DEMO', 'sure'],
    ['DOCS', 'please'],
    ['DATABASE_URL', 'localhost:5432/youth_hub'],
    ['REDIS_URL', '127.0.0.1:6379'],
    ['PUBLIC_BASE_URL', 'youth.example.cn'],
    ['WECHAT_API_BASE', 'api.weixin.qq.com'],
    ['LOG_LEVEL', 'loud'],
    ['TRUST_PROXY', 'true'],
  ];
  it.each(cases)('%s=%s', (name, value) => {
    const message = refusal({ ...DEV, [name]: value });
    expect(message).toMatch(new RegExp(`^  ${name}：.+ / ${name}: `, 'm'));
  });

  it('names every bad variable of one start at once', () => {
    const message = refusal({ ...DEV, PORT: 'abc', RUSH_LIMIT_PER_IP: '-1', LOG_LEVEL: 'loud' });
    expect(message).toMatch(/^配置有误，未启动/);
    for (const name of ['PORT', 'RUSH_LIMIT_PER_IP', 'LOG_LEVEL'])
      expect(message).toContain(`${name}:`);
  });

  it('never echoes a secret in its message', () => {
    expect(refusal({ ...PROD, JWT_SECRET: 'hunter2-short' })).not.toContain('hunter2');
  });
});

describe('TRUST_PROXY: a hop count or proxy addresses, never everyone', () => {
  it('is off when unset or 0', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
  });

  it('takes a hop count, at most 10', () => {
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('2')).toBe(2);
    expect(() => parseTrustProxy('11')).toThrow(/TRUST_PROXY: at most 10 proxy hops/);
  });

  it('takes a list of addresses, CIDRs and the loopback/linklocal/uniquelocal names', () => {
    expect(parseTrustProxy('10.0.0.0/8, 127.0.0.1,::1,fd00::/8,loopback')).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
  });

  it.each(['true', 'TRUE', '*', 'all', 'yes'])(
    'refuses "trust all" spelled %s, saying why and what to write instead',
    (v) => {
      expect(() => parseTrustProxy(v)).toThrow(
        /TRUST_PROXY: trusting every proxy lets any client pick its own IP; give a hop count/,
      );
    },
  );

  it.each(['0.0.0.0/0', '::/0', '10.0.0.0/33', 'proxy.internal', '10.0.0.1/8/2', '-1'])(
    'refuses %s',
    (v) => {
      expect(() => parseTrustProxy(v)).toThrow(/TRUST_PROXY/);
    },
  );
});

describe('WeChat Pay: all of WECHATPAY_* or none', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youth-hub-wxpay-'));
  const keys = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  fs.writeFileSync(path.join(dir, 'apiclient_key.pem'), keys.privateKey);
  fs.writeFileSync(path.join(dir, 'pub_key.pem'), keys.publicKey);
  const PAY = {
    WECHAT_APPID: 'wx0123456789abcdef',
    WECHATPAY_MCHID: '1900000109',
    WECHATPAY_SERIAL: '5157F09EFDC096DE15EBE81A47057A72',
    WECHATPAY_PRIVATE_KEY_PATH: path.join(dir, 'apiclient_key.pem'),
    WECHATPAY_APIV3_KEY: 'a'.repeat(32),
    WECHATPAY_PLATFORM_PUBLIC_KEY_PATH: path.join(dir, 'pub_key.pem'),
    WECHATPAY_PLATFORM_PUBLIC_KEY_ID: 'PUB_KEY_ID_0114232134912410000000000000',
  };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('unset: payments are off, holds last 30 minutes and the refund after the start is 50% then 0%', () => {
    expect(loadConfig(PROD)).toMatchObject({
      wechatPay: null,
      payments: {
        holdMinutes: 30,
        refundRule: { beforeMidpointPercent: 50, afterMidpointPercent: 0 },
      },
    });
  });

  it('complete: the keys are read and callbacks go to PUBLIC_BASE_URL', () => {
    const c = loadConfig({
      ...PROD,
      ...PAY,
      PAYMENT_HOLD_MINUTES: '15',
      PAYMENT_REFUND_AFTER_START: '80,20',
    });
    expect(c.wechatPay).toMatchObject({
      appId: 'wx0123456789abcdef',
      mchId: '1900000109',
      apiBase: 'https://api.mch.weixin.qq.com',
      notifyUrl: 'https://youth.example.cn/api/v1/payments/wechat/notify',
      privateKeyPem: keys.privateKey,
    });
    expect(c.payments).toEqual({
      holdMinutes: 15,
      refundRule: { beforeMidpointPercent: 80, afterMidpointPercent: 20 },
    });
  });

  it('half a configuration stops the start, naming what is missing', () => {
    const { WECHATPAY_APIV3_KEY: _key, WECHATPAY_PLATFORM_PUBLIC_KEY_ID: _id, ...half } = PAY;
    const message = refusal({ ...PROD, ...half });
    expect(message).toMatch(
      /WECHATPAY_APIV3_KEY, WECHATPAY_PLATFORM_PUBLIC_KEY_ID: WeChat Pay needs all 6 variables/,
    );
  });

  it.each([
    [
      'a key file that is not there',
      { WECHATPAY_PRIVATE_KEY_PATH: '/nonexistent/key.pem' },
      /WECHATPAY_PRIVATE_KEY_PATH: cannot read/,
    ],
    [
      'a public key where the private key belongs',
      { WECHATPAY_PRIVATE_KEY_PATH: path.join(dir, 'pub_key.pem') },
      /not a PEM private key/,
    ],
    [
      'an APIv3 key of the wrong length',
      { WECHATPAY_APIV3_KEY: 'short' },
      /WECHATPAY_APIV3_KEY: the APIv3 key is 32 characters/,
    ],
    [
      'no WECHAT_APPID',
      { WECHAT_APPID: '' },
      /WECHAT_APPID: WeChat Pay needs the mini-program's AppID/,
    ],
    ['a merchant id with letters', { WECHATPAY_MCHID: 'mch1' }, /WECHATPAY_MCHID/],
    [
      'a refund rule that is not two percentages',
      { PAYMENT_REFUND_AFTER_START: '50' },
      /PAYMENT_REFUND_AFTER_START/,
    ],
    ['a hold under 5 minutes', { PAYMENT_HOLD_MINUTES: '1' }, /PAYMENT_HOLD_MINUTES/],
  ])('refuses %s', (_name, over, pattern) => {
    expect(refusal({ ...PROD, ...PAY, ...over })).toMatch(pattern);
  });

  describe('the local fake WeChat Pay (WECHATPAY_FAKE): the demo pays out of the box, production never', () => {
    it('is on by default in development without WECHATPAY_*, and off when asked', () => {
      expect(loadConfig(DEV)).toMatchObject({ wechatPayFake: true, wechatPay: null });
      expect(loadConfig({ ...DEV, WECHATPAY_FAKE: '0' }).wechatPayFake).toBe(false);
    });

    it('is off when a real merchant is configured, and in test unless asked', () => {
      expect(loadConfig({ ...DEV, ...PAY }).wechatPayFake).toBe(false);
      expect(loadConfig({ NODE_ENV: 'test' }).wechatPayFake).toBe(false);
      expect(loadConfig({ NODE_ENV: 'test', WECHATPAY_FAKE: '1' }).wechatPayFake).toBe(true);
    });

    it('is refused in production, and never chosen there by default', () => {
      expect(loadConfig(PROD).wechatPayFake).toBe(false);
      expect(refusal({ ...PROD, WECHATPAY_FAKE: '1' })).toMatch(
        /WECHATPAY_FAKE: needs NODE_ENV=development or test/,
      );
      const { NODE_ENV: _unset, ...noNodeEnv } = PROD;
      expect(refusal({ ...noNodeEnv, WECHATPAY_FAKE: '1' })).toMatch(/WECHATPAY_FAKE/);
    });

    it('is refused together with a real merchant (which one would pay?)', () => {
      expect(refusal({ ...DEV, ...PAY, WECHATPAY_FAKE: '1' })).toMatch(
        /WECHATPAY_FAKE: cannot be on together with a real WECHATPAY_\* configuration/,
      );
    });
  });
});

describe('DEV_CLOCK: tests may move the clock of a development server, never of production', () => {
  it('is off unless asked, on in development or test', () => {
    expect(loadConfig(DEV).devClock).toBe(false);
    expect(loadConfig({ ...DEV, DEV_CLOCK: '1' }).devClock).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test', DEV_CLOCK: 'on' }).devClock).toBe(true);
  });

  it('is refused in production', () => {
    expect(refusal({ ...PROD, DEV_CLOCK: '1' })).toMatch(
      /DEV_CLOCK: needs NODE_ENV=development or test/,
    );
  });
});
