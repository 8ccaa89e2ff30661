// WeChat server API adapter: code2session for login, subscribe messages and 小程序码
// (wxacode.getUnlimited). The access token comes from /cgi-bin/stable_token without
// force_refresh: every API process gets the same token while it is valid, so one process fetching
// never invalidates another's (the old /cgi-bin/token handed out a new token per call and revoked
// the previous one). Each process caches it until shortly before it expires and, when WeChat calls
// it stale, fetches it once more and retries once. Uses global fetch with a timeout: a hung WeChat
// must not hang our requests.
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

/** Re-fetch this long before WeChat's expiry, so a token never expires on its way to WeChat. */
const TOKEN_MARGIN_MS = 5 * 60_000;

/** wxacode.getUnlimited's inputs; `scene` is at most 32 visible characters. */
export interface WxacodeRequest {
  scene: string;
  /** A published page, without a leading slash, e.g. 'pages/landing/index'. */
  page: string;
  checkPath: boolean;
  envVersion: 'release' | 'trial' | 'develop';
  width?: number;
}

export class WechatClient {
  private token: { value: string; expiresAt: number } | null = null;
  /** One fetch at a time per process: concurrent callers share it. */
  private fetching: Promise<string> | null = null;

  constructor(
    private readonly cfg: Config['wechat'],
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** One HTTP request to WeChat with the timeout; a non-2xx status is an error. */
  private async request(pathAndQuery: string, body?: unknown): Promise<Response> {
    const res = await fetch(`${this.cfg.apiBase}${pathAndQuery}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.cfg.timeoutMs),
    });
    if (!res.ok) throw new Error(`WeChat HTTP ${res.status}`);
    return res;
  }

  /** One call answered in JSON; WeChat often sends it with a text/plain content type. */
  private async call(pathAndQuery: string, body?: unknown): Promise<WxJson> {
    return JSON.parse(await (await this.request(pathAndQuery, body)).text()) as WxJson;
  }

  /**
   * The shared access token, cached until TOKEN_MARGIN_MS before it expires. `stale`: WeChat just
   * refused `stale` (another party forced a new one): drop it and ask again — stable_token then
   * answers the token that replaced it. force_refresh stays false: forcing would revoke the token
   * every other process holds (and WeChat allows it only a few times a day).
   */
  async accessToken(stale?: string): Promise<string> {
    const nowMs = this.now().getTime();
    if (this.token && stale !== undefined && this.token.value === stale) this.token = null;
    if (this.token && this.token.expiresAt - TOKEN_MARGIN_MS > nowMs) return this.token.value;
    this.fetching ??= this.fetchStableToken().finally(() => {
      this.fetching = null;
    });
    return this.fetching;
  }

  private async fetchStableToken(): Promise<string> {
    const data = await this.call('/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid: this.cfg.appId ?? '',
      secret: this.cfg.secret ?? '',
      force_refresh: false,
    });
    if (typeof data.access_token !== 'string') {
      throw new WechatSendError(
        data.errcode ?? -1,
        `access token: ${data.errmsg ?? 'no token'}`,
        'transient',
      );
    }
    // stable_token says how long this token has left, not a fresh 7200 s
    this.token = {
      value: data.access_token,
      expiresAt: this.now().getTime() + Number(data.expires_in ?? 0) * 1000,
    };
    return this.token.value;
  }

  /**
   * POSTs to an access-token API. When WeChat calls the token stale (40001/42001) it fetches the
   * token once more and retries once; `read` turns the response into the caller's result.
   */
  private async withToken<T>(
    path: string,
    body: unknown,
    read: (res: Response) => Promise<{ stale: boolean; value: T }>,
  ): Promise<T> {
    const token = await this.accessToken();
    const first = await read(await this.request(`${path}?access_token=${token}`, body));
    if (!first.stale) return first.value;
    const fresh = await this.accessToken(token);
    return (await read(await this.request(`${path}?access_token=${fresh}`, body))).value;
  }

  private static json(res: Response): Promise<{ stale: boolean; value: WxJson }> {
    return res.text().then((text) => {
      const value = JSON.parse(text) as WxJson;
      return { stale: value.errcode !== undefined && TOKEN_STALE.has(value.errcode), value };
    });
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
      data = await this.withToken('/cgi-bin/message/subscribe/send', body, WechatClient.json);
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
   * A 小程序码 image from wxacode.getUnlimited. WeChat answers the image itself (PNG, or JPEG
   * depending on the options), or JSON with an errcode (e.g. 41030: the page is not in the published version).
   * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/qr-code/getUnlimitedQRCode.html
   */
  async wxacodeUnlimited(req: WxacodeRequest): Promise<Buffer> {
    if (!this.configured) throw new WechatSendError(-1, 'WeChat is not configured', 'permanent');
    const body = {
      scene: req.scene,
      page: req.page,
      check_path: req.checkPath,
      env_version: req.envVersion,
      ...(req.width ? { width: req.width } : {}),
    };
    const result = await this.withToken('/wxa/getwxacodeunlimit', body, async (res) => {
      const bytes = Buffer.from(await res.arrayBuffer());
      if (imageType(bytes)) return { stale: false, value: bytes as Buffer | WxJson };
      const data = JSON.parse(bytes.toString('utf8')) as WxJson;
      return { stale: data.errcode !== undefined && TOKEN_STALE.has(data.errcode), value: data };
    });
    if (Buffer.isBuffer(result)) return result;
    const code = result.errcode ?? -1;
    throw new WechatSendError(
      code,
      `wxacode: ${result.errmsg ?? `errcode ${code}`}`,
      SEND_PERMANENT.has(code) ? 'permanent' : 'transient',
    );
  }

  /**
   * 手机号快速验证: exchanges the code of a getPhoneNumber button tap for the number WeChat verified.
   * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-info/phone-number/getPhoneNumber.html
   */
  async phoneNumber(code: string): Promise<{ phone: string; countryCode: string }> {
    if (!this.configured) throw new AppError('WECHAT_NOT_CONFIGURED', undefined, 503);
    let data: WxJson;
    try {
      data = await this.withToken('/wxa/business/getuserphonenumber', { code }, WechatClient.json);
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

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_SIGNATURE = Buffer.from([0xff, 0xd8, 0xff]);

/** The image type of `bytes` by its signature (WeChat's content-type header is not reliable). */
export function imageType(bytes: Buffer): 'image/png' | 'image/jpeg' | null {
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (bytes.subarray(0, 3).equals(JPEG_SIGNATURE)) return 'image/jpeg';
  return null;
}

export default fp<{ wechat: Config['wechat'] }>(
  async (app, { wechat }) => {
    app.decorate('wechat', new WechatClient(wechat, () => app.now()));
  },
  { name: 'wechat' },
);
