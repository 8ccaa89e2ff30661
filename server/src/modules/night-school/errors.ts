// Night-school errors: the stable code and its Chinese message come from the contract's map.
import { NIGHT_SCHOOL_ERRORS, type NightSchoolErrorCode } from '@/contract/night-school';
import { AppError } from '../../errors';

export function nsError(code: NightSchoolErrorCode, status: number, message?: string): AppError {
  return new AppError(code, message ?? NIGHT_SCHOOL_ERRORS[code], status);
}
