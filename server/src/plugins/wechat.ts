// WeChat server API adapter: code2session for login, and subscribe messages (with the access
// token cached until shortly before it expires, refreshed and retried once when WeChat says it
// is stale). Uses global fetch with a timeout: a hung WeChat must not hang our requests.
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

export interface SubscribeMessage {
  openid: string;
  templateId: string;
  /** App page opened from the message, e.g. 'pages/messages/index'. */
  page?: string;
  data: Record<string, { value: string }>;
}

/** Why a send failed: `refused` (no grant left, user said no) and `permanent` are not retried. */
export class WechatSendError extends Error {
  constructor(
    readonly errcode: number,
    message: string,
    readonly kind: 'refused' | 'permanent' | 'transient',
  ) {
    super(message);
    this.name = 'WechatSendError';
  }
}

// https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
const SEND_REFUSED = new Set([43101]); // the user's one-time grant is used up or was refused
const SEND_PERMANENT = new Set([40003, 40037, 41030, 47003]); // bad openid / template / page / data
const TOKEN_STALE = new Set([40001, 42001]); // access token invalid or expired

type WxJson = { errcode?: number; errmsg?: string; [k: string]: unknown };

export class WechatClient {
  private token: { value: string; expiresAt: number } | null = null;

  constructor(
    private readonly cfg: Config['wechat'],
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** One HTTP call to WeChat; WeChat answers JSON, often with a text/plain content type. */
  private async call(pathAndQuery: string, body?: unknown): Promise<WxJson> {
    const res = await fetch(`${this.cfg.apiBase}${pathAndQuery}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.cfg.timeoutMs),
    });
    if (!res.ok) throw new Error(`WeChat HTTP ${res.status}`);
    return JSON.parse(await res.text()) as WxJson;
  }

  /** The cached access token, fetched when missing or within 5 minutes of expiry. */
  async accessToken(forceRefresh = false): Promise<string> {
    const nowMs = this.now().getTime();
    if (!forceRefresh && this.token && this.token.expiresAt - 5 * 60_000 > nowMs)
      return this.token.value;
    const qs = new URLSearchParams({
      grant_type: 'client_credential',
      appid: this.cfg.appId ?? '',
      secret: this.cfg.secret ?? '',
    });
    const data = await this.call(`/cgi-bin/token?${qs}`);
    if (typeof data.access_token !== 'string') {
      throw new WechatSendError(
        data.errcode ?? -1,
        `access token: ${data.errmsg ?? 'no token'}`,
        'transient',
      );
    }
    this.token = {
      value: data.access_token,
      expiresAt: nowMs + Number(data.expires_in ?? 7200) * 1000,
    };
    return this.token.value;
  }

  /** Sends one subscribe message; throws WechatSendError saying whether a retry can help. */
  async sendSubscribe(msg: SubscribeMessage): Promise<void> {
    if (!this.configured) throw new WechatSendError(-1, 'WeChat is not configured', 'permanent');
    const body = {
      touser: msg.openid,
      template_id: msg.templateId,
      page: msg.page,
      data: msg.data,
    };
    let data: WxJson;
    try {
      data = await this.call(
        `/cgi-bin/message/subscribe/send?access_token=${await this.accessToken()}`,
        body,
      );
      if (data.errcode && TOKEN_STALE.has(data.errcode)) {
        data = await this.call(
          `/cgi-bin/message/subscribe/send?access_token=${await this.accessToken(true)}`,
          body,
        );
      }
    } catch (err) {
      if (err instanceof WechatSendError) throw err;
      throw new WechatSendError(-1, err instanceof Error ? err.message : String(err), 'transient');
    }
    const code = data.errcode ?? 0;
    if (code === 0) return;
    const kind = SEND_REFUSED.has(code)
      ? 'refused'
      : SEND_PERMANENT.has(code)
        ? 'permanent'
        : 'transient';
    throw new WechatSendError(code, data.errmsg ?? `errcode ${code}`, kind);
  }

  /**
   * 手机号快速验证: exchanges the code of a getPhoneNumber button tap for the number WeChat verified.
   * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-info/phone-number/getPhoneNumber.html
   */
  async phoneNumber(code: string): Promise<{ phone: string; countryCode: string }> {
    if (!this.configured) throw new AppError('WECHAT_NOT_CONFIGURED', undefined, 503);
    const ask = async (fresh: boolean) =>
      this.call(`/wxa/business/getuserphonenumber?access_token=${await this.accessToken(fresh)}`, {
        code,
      });
    let data: WxJson;
    try {
      data = await ask(false);
      if (data.errcode && TOKEN_STALE.has(data.errcode)) data = await ask(true);
    } catch (err) {
      throw Object.assign(new AppError('WECHAT_UNAVAILABLE', undefined, 503), { cause: err });
    }
    const info = data.phone_info as { purePhoneNumber?: string; countryCode?: string } | undefined;
    if (data.errcode === 40029) throw new AppError('WECHAT_PHONE_CODE_INVALID', undefined, 400);
    if (data.errcode === 45011) throw new AppError('WECHAT_RATE_LIMITED', undefined, 429);
    if (data.errcode || !info?.purePhoneNumber)
      throw new AppError('WECHAT_UNAVAILABLE', undefined, 503);
    return { phone: info.purePhoneNumber, countryCode: String(info.countryCode ?? '') };
  }

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
    app.decorate('wechat', new WechatClient(wechat, () => app.now()));
  },
  { name: 'wechat' },
);
