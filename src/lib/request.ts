import Taro from '@tarojs/taro';
import { ApiError, NetworkError, isApiErrorBody } from './api-error';
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
}

const LOGIN_PAGE = '/pages/login/index';
const FALLBACK_MESSAGE = '服务暂时不可用，请稍后再试';

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

/**
 * The one way the app talks to the API: base URL per build, bearer token, the server's error
 * shape turned into a typed ApiError with a Chinese toast, 401 → login page, and a network
 * failure → a retry prompt instead of a blank screen.
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', data, idempotencyKey, silent = false, text = false } = options;
  const { token } = useSession.getState();
  const header: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token) header.Authorization = `Bearer ${token}`;
  if (idempotencyKey) header['Idempotency-Key'] = idempotencyKey;

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
    if (await askToRetry()) return request<T>(path, options);
    throw new NetworkError();
  }

  const { statusCode } = response;
  if (statusCode >= 200 && statusCode < 300) return response.data as T;

  const body = isApiErrorBody(response.data)
    ? response.data
    : { statusCode, code: `HTTP_${statusCode}`, error: 'Error', message: FALLBACK_MESSAGE };
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
