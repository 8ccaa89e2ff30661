import type { ApiErrorBody } from '@/contract/errors';

/** The server's one error shape, typed on the client: `code` is stable, `message` is a Chinese toast. */
export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: string;

  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.statusCode = body.statusCode;
    this.code = body.code;
  }
}

/** A request that never reached the server (no signal, timeout, DNS). */
export class NetworkError extends Error {
  constructor(message = '网络不给力，请检查网络后重试') {
    super(message);
    this.name = 'NetworkError';
  }
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.code === 'string' && typeof v.message === 'string' && typeof v.statusCode === 'number'
  );
}
