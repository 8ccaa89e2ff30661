import Taro from '@tarojs/taro';
import type { Session } from '@/contract/account';
import { ApiError, NetworkError, isApiErrorBody } from './api-error';
import { matchesShape, type ResponseShape } from './response-shape';
import { useSession } from './session';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: Method;
  data?: unknown;
  /** Sent as `Idempotency-Key`; reused unchanged when the user taps 重试, so a retry is one action. */
  idempotencyKey?: string;
  /** Do not toast the error; the caller shows it in place (e.g. under a form field). */
  silent?: boolean;
  /** Return the body as text (CSV exports) instead of parsing JSON. */
  text?: boolean;
  /**
   * Read past the caches of the public lists (the server's second-long copy, the browser's): for
   * a page showing the effect of the user's own write just now.
   */
  fresh?: boolean;
  /**
   * No signal: throw NetworkError at once instead of asking 重试. For callers that keep the work
   * on the phone (the offline check-in queue) or show what they saved (我的志愿 offline).
   */
  failFastOffline?: boolean;
  /**
   * The outline the page needs of a 2xx answer (`{ items: 'array' }`); an answer without it is
   * an ApiError `BAD_RESPONSE`, so a broken proxy or a half-deployed server shows as a failed
   * load, never as a crash in the page's render.
   */
  expect?: ResponseShape;
}

const LOGIN_PAGE = '/pages/login/index';
/** Busy (503) or too fast (429): tried again by itself this many times before telling the user. */
const MAX_AUTO_RETRIES = 3;
const FALLBACK_MESSAGE = '服务暂时不可用，请稍后再试';
/** A client-side code: the server answered 2xx, but not with what the caller was promised. */
export const BAD_RESPONSE = 'BAD_RESPONSE';
const BAD_RESPONSE_MESSAGE = '服务返回的数据有误，请稍后重试';

function currentRoute(): string {
  const pages = Taro.getCurrentPages();
  return pages.length ? `/${pages[pages.length - 1].route ?? ''}` : '';
}

function goToLogin() {
  if (!currentRoute().startsWith(LOGIN_PAGE)) void Taro.navigateTo({ url: LOGIN_PAGE });
}

async function askToRetry(): Promise<boolean> {
  const { confirm } = await Taro.showModal({
    title: '网络不给力',
    content: '请求没有送达，请检查网络后重试。',
    confirmText: '重试',
    cancelText: '取消',
  });
  return confirm;
}

let renewing: Promise<boolean> | null = null;

/**
 * In WeChat an expired or revoked session is renewed without the user: wx.login gives a fresh
 * code, the server exchanges it for a new token. Requests that meet a 401 together share one
 * renewal. H5 has no wx.login (its sign-in is the PC QR code), so there the login page shows as
 * before.
 */
function renewSession(): Promise<boolean> {
  if (process.env.TARO_ENV !== 'weapp') return Promise.resolve(false);
  renewing ??= (async () => {
    try {
      const { code } = await Taro.login();
      const session = await request<Session>(
        '/api/v1/auth/wechat',
        { method: 'POST', data: { code }, silent: true },
        0,
        true,
      );
      useSession.getState().signIn(session);
      return true;
    } catch {
      return false;
    } finally {
      renewing = null;
    }
  })();
  return renewing;
}

function retryAfterMs(header: Record<string, string | undefined>, fallbackSeconds: number): number {
  const raw = header['Retry-After'] ?? header['retry-after'];
  const seconds = Number(raw);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : fallbackSeconds) * 1000;
}

/**
 * Waits out a 429/503 with a visible countdown ("排队中，3 秒后自动重试") plus up to a second of
 * random jitter, so thousands of phones told "busy" at once do not all come back in the same
 * instant.
 */
async function waitWithCountdown(ms: number, what: string): Promise<void> {
  const total = ms + Math.floor(Math.random() * 1000);
  const until = Date.now() + total;
  for (let left = total; left > 0; left = until - Date.now()) {
    void Taro.showLoading({ title: `${what}，${Math.ceil(left / 1000)} 秒后自动重试`, mask: true });
    await new Promise((resolve) => setTimeout(resolve, Math.min(1000, left)));
  }
  void Taro.hideLoading();
}

/**
 * The one way the app talks to the API: base URL per build, bearer token, the server's error
 * shape turned into a typed ApiError with a Chinese toast, 401 → one silent WeChat re-login and
 * the request again, then the login page, a network
 * failure → a retry prompt instead of a blank screen, and "busy"/"too fast" answers waited out
 * and retried with the same Idempotency-Key (so a retry is never a second enrollment).
 */
export async function request<T>(
  path: string,
  options: RequestOptions = {},
  attempt = 0,
  /** Already sent again after a re-login (or is the re-login itself): a 401 now means the login page. */
  renewed = false,
): Promise<T> {
  const {
    method = 'GET',
    data,
    idempotencyKey,
    silent = false,
    text = false,
    fresh = false,
    failFastOffline = false,
    expect,
  } = options;
  const { token } = useSession.getState();
  const header: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token) header.Authorization = `Bearer ${token}`;
  if (idempotencyKey) header['Idempotency-Key'] = idempotencyKey;
  if (fresh) header['Cache-Control'] = 'no-cache';

  let response: Taro.request.SuccessCallbackResult<string | TaroGeneral.IAnyObject | ArrayBuffer>;
  try {
    response = await Taro.request({
      url: `${API_BASE}${path}`,
      method,
      data: data as never,
      header,
      timeout: 15000,
      dataType: text ? 'text' : 'json',
    });
  } catch {
    if (!failFastOffline && (await askToRetry())) return request<T>(path, options, 0, renewed);
    throw new NetworkError();
  }

  const { statusCode } = response;
  if (statusCode >= 200 && statusCode < 300) {
    if (!expect || matchesShape(response.data, expect)) return response.data as T;
    if (!silent) void Taro.showToast({ title: BAD_RESPONSE_MESSAGE, icon: 'none', duration: 2500 });
    throw new ApiError({
      statusCode,
      code: BAD_RESPONSE,
      error: 'Bad Response',
      message: BAD_RESPONSE_MESSAGE,
    });
  }

  // GET, PUT and DELETE mean the same thing sent twice (HTTP's idempotent methods); a POST only with its key.
  const safeToRepeat =
    method === 'GET' || method === 'PUT' || method === 'DELETE' || Boolean(idempotencyKey);
  if ((statusCode === 503 || statusCode === 429) && safeToRepeat && attempt < MAX_AUTO_RETRIES) {
    const header = (response.header ?? {}) as Record<string, string | undefined>;
    await waitWithCountdown(retryAfterMs(header, 2), statusCode === 429 ? '操作太频繁' : '排队中');
    return request<T>(path, options, attempt + 1, renewed);
  }

  const body = isApiErrorBody(response.data)
    ? response.data
    : { statusCode, code: `HTTP_${statusCode}`, error: 'Error', message: FALLBACK_MESSAGE };
  // Only a session that existed is renewed: nobody is signed in to WeChat's account by surprise.
  if (statusCode === 401 && token && !renewed) {
    // another request may have renewed it while this one was on the way
    const now = useSession.getState().token;
    const renewedMeanwhile = now !== null && now !== token;
    if (renewedMeanwhile || (await renewSession())) return request<T>(path, options, 0, true);
  }
  if (statusCode === 401) {
    useSession.getState().signOut();
    goToLogin();
  }
  if (!silent) void Taro.showToast({ title: body.message, icon: 'none', duration: 2500 });
  throw new ApiError(body);
}

/** A fresh key for one user action (a tap), kept by the caller across its retries. */
export function newIdempotencyKey(): string {
  const random = Math.random().toString(36).slice(2, 10);
  return `${Date.now().toString(36)}-${random}`;
}
