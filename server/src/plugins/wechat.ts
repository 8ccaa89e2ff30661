// WeChat server API adapter. Only code2session for now; subscribe messages will live here too.
// Uses global fetch with a timeout: a hung WeChat must not hang our login requests.
import fp from 'fastify-plugin';
import type { Config } from '../config';
import { AppError } from '../errors';

declare module 'fastify' {
  interface FastifyInstance {
    wechat: WechatClient;
  }
}

export interface WechatSession {
  openid: string;
  unionid?: string;
}

// https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html
const ERRCODE_MAP: Record<number, () => AppError> = {
  40029: () => new AppError('WECHAT_CODE_INVALID', undefined, 401),
  40163: () => new AppError('WECHAT_CODE_INVALID', undefined, 401), // code already used
  45011: () => new AppError('WECHAT_RATE_LIMITED', undefined, 429),
  40226: () => new AppError('WECHAT_USER_BLOCKED', undefined, 403),
};

export class WechatClient {
  constructor(private readonly cfg: Config['wechat']) {}

  get configured(): boolean {
    return Boolean(this.cfg.appId && this.cfg.secret);
  }

  async code2session(code: string): Promise<WechatSession> {
    if (!this.configured) throw new AppError('WECHAT_NOT_CONFIGURED', undefined, 503);
    const qs = new URLSearchParams({
      appid: this.cfg.appId!,
      secret: this.cfg.secret!,
      js_code: code,
      grant_type: 'authorization_code',
    });
    let data: { errcode?: number; errmsg?: string; openid?: string; unionid?: string };
    try {
      const res = await fetch(`${this.cfg.apiBase}/sns/jscode2session?${qs}`, {
        signal: AbortSignal.timeout(this.cfg.timeoutMs),
      });
      if (!res.ok) throw new Error(`WeChat HTTP ${res.status}`);
      // WeChat answers JSON with a text/plain content type.
      data = JSON.parse(await res.text());
    } catch (err) {
      throw Object.assign(new AppError('WECHAT_UNAVAILABLE', undefined, 503), { cause: err });
    }
    if (data.errcode) {
      const mapped = ERRCODE_MAP[data.errcode];
      if (mapped) throw mapped();
      throw new AppError('WECHAT_UNAVAILABLE', undefined, 503); // -1 busy, config errors, unknown
    }
    if (!data.openid) throw new AppError('WECHAT_UNAVAILABLE', undefined, 503);
    // session_key is deliberately dropped: we do not decrypt user data yet, and it must not leak.
    return { openid: data.openid, unionid: data.unionid };
  }
}

export default fp<{ wechat: Config['wechat'] }>(
  async (app, { wechat }) => {
    app.decorate('wechat', new WechatClient(wechat));
  },
  { name: 'wechat' },
);
