import { redactUrl, startBanner } from '../../../server/src/banner';
import { loadConfig } from '../../../server/src/config';

describe('start banner', () => {
  const facts = {
    url: 'http://127.0.0.1:3000',
    dbKind: 'postgres' as const,
    h5Built: false,
    weappDir: '/srv/dist',
    weappBuilt: false,
    jobCount: 10,
  };

  it('prints where PostgreSQL and Redis are without their user names or passwords', () => {
    const config = loadConfig({
      NODE_ENV: 'development',
      DATABASE_URL: 'postgres://youth:pg-Pa55word@db.internal:5432/youth_hub?sslpassword=key-Pa55',
      REDIS_URL: 'redis://default:redis-Pa55@cache.internal:6379/2',
    });
    const banner = startBanner(config, facts);
    expect(banner).toContain(
      'PostgreSQL postgres://***@db.internal:5432/youth_hub?sslpassword=***',
    );
    expect(banner).toContain('Redis (redis://***@cache.internal:6379/2)');
    expect(banner).not.toMatch(/Pa55|youth:|default:/);
  });

  it('redacts a password-only Redis URL and leaves a URL without credentials as it is', () => {
    expect(redactUrl('redis://:s3cret@127.0.0.1:6379')).toBe('redis://***@127.0.0.1:6379');
    expect(redactUrl('postgres://127.0.0.1:5432/youth_hub')).toBe(
      'postgres://127.0.0.1:5432/youth_hub',
    );
  });

  it('says the docs are off in production and where they are in development', () => {
    const secrets = {
      JWT_SECRET: 'j'.repeat(32),
      ID_HASH_SECRET: 'h'.repeat(32),
      PUBLIC_BASE_URL: 'https://youth.example.cn',
      PHONE_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
    };
    expect(startBanner(loadConfig({ NODE_ENV: 'production', ...secrets }), facts)).toContain(
      '接口文档 / API docs: 关闭 off',
    );
    expect(startBanner(loadConfig({ NODE_ENV: 'development' }), facts)).toContain(
      '接口文档 / API docs: http://127.0.0.1:3000/docs',
    );
  });
});
