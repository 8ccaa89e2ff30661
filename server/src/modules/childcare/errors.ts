// The feature's error codes and Chinese messages live in the contract (the client shows them).
import { CHILDCARE_ERRORS, type ChildcareErrorCode } from '@/contract/childcare';
import { AppError } from '../../errors';

export function ccError(code: ChildcareErrorCode, status: number, message?: string): AppError {
  return new AppError(code, message ?? CHILDCARE_ERRORS[code], status);
}
