// What the start prints: where things are and how they are set. It lands in terminals and
// deployment logs, so connection URLs show host and database but never their user or password.
import type { Config } from './config';

/** A URL without its credentials: userinfo and any password-like query parameter become ***. */
export function redactUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return '***';
  }
  if (u.username || u.password) {
    u.username = '***';
    u.password = '';
  }
  for (const key of [...u.searchParams.keys()]) {
    if (/pass|secret|key|token/i.test(key)) u.searchParams.set(key, '***');
  }
  return u.toString();
}

export interface BannerFacts {
  url: string;
  dbKind: 'postgres' | 'pglite';
  h5Built: boolean;
  weappDir: string;
  weappBuilt: boolean;
  jobCount: number;
}

export function startBanner(config: Config, facts: BannerFacts): string {
  const { url } = facts;
  return [
    `青年汇 API 已启动 / youth-hub API listening: ${url}/api/v1 (NODE_ENV=${config.nodeEnv})`,
    `  数据库 / database: ${facts.dbKind === 'postgres' && config.databaseUrl ? `PostgreSQL ${redactUrl(config.databaseUrl)}` : `PGlite 嵌入式 (${config.dataDir})`}`,
    `  对外地址 / public base URL: ${config.publicBaseUrl}`,
    `  定时任务 / jobs: ${config.jobs ? `开启 on (${facts.jobCount})` : '关闭 off (JOBS=off)'}`,
    `  微信支付 / WeChat Pay: ${config.wechatPayFake ? `模拟 FAKE，本地演示不扣款 local fake, no real money (${config.wechatPay?.apiBase ?? ''})` : config.wechatPay ? `商户 merchant ${config.wechatPay.mchId}` : '未配置 not configured (收费项目不能开设 paid offerings cannot open)'}`,
    `  开发登录 / dev login: ${config.devLogin ? '开启 on (POST /api/v1/auth/dev)' : '关闭 off'}`,
    `  接口文档 / API docs: ${config.docs ? `${url}/docs` : '关闭 off (DOCS=1 开启 to serve)'}`,
    `  限流 / rate limits: ${config.redisUrl ? `Redis (${redactUrl(config.redisUrl)})，多进程共享 shared by all processes` : '进程内计数 per process (未设置 REDIS_URL: REDIS_URL unset)'}`,
    `  H5: ${facts.h5Built ? `${url}/ (from ${config.h5Dir})` : `未构建 not built (npm run build:h5 → ${config.h5Dir})`}`,
    `  小程序 / weapp: ${facts.weappBuilt ? `${facts.weappDir} (open in WeChat DevTools)` : `未构建 not built (npm run build:weapp → ${facts.weappDir})`}`,
  ].join('\n');
}
