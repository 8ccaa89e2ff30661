// Payment errors: the stable code and its Chinese message come from the contract's map.
import { PAYMENT_ERRORS, type PaymentErrorCode } from '@/contract/payments';
import { AppError } from '../../errors';

export function payError(code: PaymentErrorCode, status: number, message?: string): AppError {
  return new AppError(code, message ?? PAYMENT_ERRORS[code], status);
}
