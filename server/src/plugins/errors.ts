// The one error handler: every failure leaves as {statusCode, code, error, message} with a
// Chinese message. 5xx details go to the log only, never to the client.
import { STATUS_CODES } from 'node:http';
import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_MESSAGES, type ApiErrorBody, type ErrorCode } from '@/contract/errors';
import { fieldLabel } from '@/contract/field-labels';
import { AppError } from '../errors';

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

const PART_LABEL: Record<string, string> = {
  body: '请求内容',
  querystring: '查询参数',
  params: '路径参数',
  headers: '请求头',
};

/** One Chinese sentence naming the offending field as the form calls it, fit for a toast. */
export function validationMessage(errors: AjvError[], context?: string): string {
  const e = errors[0];
  if (!e) return ERROR_MESSAGES.VALIDATION_FAILED;
  const path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const part = PART_LABEL[context ?? 'body'] ?? '请求';
  switch (e.keyword) {
    case 'required':
      return `请填写「${fieldLabel(String(e.params.missingProperty))}」`;
    case 'additionalProperties':
      return `不支持的字段：${path ? path + '.' : ''}${String(e.params.additionalProperty)}`;
  }
  if (!path) return e.keyword === 'type' ? `${part}格式不正确` : `${part}不符合要求`;
  const label = `「${fieldLabel(path)}」`;
  switch (e.keyword) {
    case 'type':
      return `${label}的类型不正确`;
    case 'minLength':
    case 'minItems':
      if (e.params.limit === 1) return `请填写${label}`;
      return `${label}太短，至少 ${String(e.params.limit)} ${e.keyword === 'minLength' ? '个字' : '项'}`;
    case 'maxLength':
    case 'maxItems':
      return `${label}太长，最多 ${String(e.params.limit)} ${e.keyword === 'maxLength' ? '个字' : '项'}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${label}超出允许范围`;
    case 'pattern':
    case 'format':
      return `${label}的格式不正确`;
    case 'const':
    case 'enum':
    case 'anyOf':
      return `${label}的取值不在允许范围内`;
    default:
      return `${label}不符合要求`;
  }
}

function body(statusCode: number, code: string, message: string): ApiErrorBody {
  return { statusCode, code, error: STATUS_CODES[statusCode] ?? 'Error', message };
}

const FRAMEWORK_CODES: Record<string, [number, ErrorCode, string?]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'INVALID_JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'INVALID_JSON', '请求内容为空，请提交 JSON'],
  // 400 rather than 413: the brief asks for one 4xx family the client treats as "fix your input".
  FST_ERR_CTP_BODY_TOO_LARGE: [400, 'BODY_TOO_LARGE'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'BAD_REQUEST'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE'],
};

const BY_STATUS: Record<number, ErrorCode> = {
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

// The database is down or restarting (connection refused/reset, PostgreSQL shutting down or not yet
// accepting connections): a temporary state the client should retry, not an internal error.
const DB_UNAVAILABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
]);

export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  if (!e) return false;
  if (e.code && (DB_UNAVAILABLE_ERRNO.has(e.code) || e.code.startsWith('08'))) return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(
    e.message ?? '',
  );
}

// The database is overloaded: a wait for a row lock (lock_timeout, 55P03), a statement
// (statement_timeout, 57014) or a pool connection (DbLimits) ran out, or the request lost a
// deadlock (40P01: PostgreSQL rolled it back to free the other). Answered at once with
// 503 SERVER_BUSY, the client retries with the same Idempotency-Key; nothing was written.
const DB_BUSY_SQLSTATE = new Set(['55P03', '57014', '40P01']);

export function isDatabaseBusy(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  if (!e) return false;
  if (e.code && DB_BUSY_SQLSTATE.has(e.code)) return true;
  // pg-pool's wait for a connection (connectionTimeoutMillis)
  return /^timeout exceeded when trying to connect$/.test(e.message ?? '');
}

/** Seconds a client should wait before retrying a 503. */
export const RETRY_AFTER_SECONDS = 5;

export function toErrorBody(err: FastifyError | AppError | Error): ApiErrorBody {
  if (err instanceof AppError) return body(err.statusCode, err.code, err.message);
  if (isDatabaseUnavailable(err))
    return body(503, 'SERVICE_UNAVAILABLE', ERROR_MESSAGES.SERVICE_UNAVAILABLE);
  if (isDatabaseBusy(err)) return body(503, 'SERVER_BUSY', ERROR_MESSAGES.SERVER_BUSY);
  const fe = err as FastifyError & { validationContext?: string };
  if (fe.validation) {
    return body(
      400,
      'VALIDATION_FAILED',
      validationMessage(fe.validation as unknown as AjvError[], fe.validationContext),
    );
  }
  const mapped = fe.code ? FRAMEWORK_CODES[fe.code] : undefined;
  if (mapped) return body(mapped[0], mapped[1], mapped[2] ?? ERROR_MESSAGES[mapped[1]]);
  if (err instanceof SyntaxError && fe.statusCode === 400)
    return body(400, 'INVALID_JSON', ERROR_MESSAGES.INVALID_JSON);
  const status = fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 600 ? fe.statusCode : 500;
  if (status >= 500) {
    const code: ErrorCode = status === 503 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL';
    return body(status === 503 ? 503 : 500, code, ERROR_MESSAGES[code]);
  }
  const code = BY_STATUS[status] ?? 'BAD_REQUEST';
  return body(status, code, ERROR_MESSAGES[code]);
}

export default fp(
  async (app) => {
    app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const out = toErrorBody(err);
      if (out.statusCode === 503 && !reply.hasHeader('retry-after'))
        reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      if (out.statusCode >= 500) request.log.error({ err }, 'request failed');
      else request.log.info({ code: out.code, statusCode: out.statusCode }, 'request rejected');
      return reply.code(out.statusCode).type('application/json; charset=utf-8').send(out);
    });
    app.setNotFoundHandler((request, reply) => {
      reply.code(404).send(body(404, 'NOT_FOUND', ERROR_MESSAGES.NOT_FOUND));
    });
  },
  { name: 'errors' },
);
