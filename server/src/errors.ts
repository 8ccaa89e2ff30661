// Services throw AppError; the error handler (plugins/errors.ts) turns it into the one error shape.
import { ERROR_MESSAGES, type ErrorCode } from '@/contract/errors';

export class AppError extends Error {
  readonly code: string;
  readonly statusCode: number;

  constructor(code: ErrorCode | string, message?: string, statusCode = 400) {
    super(message ?? ERROR_MESSAGES[code as ErrorCode] ?? ERROR_MESSAGES.INTERNAL);
    this.name = 'AppError';
    this.code = code;
    this.statusCode = statusCode;
  }
}

export const notFound = (code: ErrorCode = 'NOT_FOUND', message?: string) =>
  new AppError(code, message, 404);
