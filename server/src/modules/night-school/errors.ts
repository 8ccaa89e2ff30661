// Night-school errors: the stable code and its Chinese message come from the contract's map.
import { NIGHT_SCHOOL_ERRORS, type NightSchoolErrorCode } from '@/contract/night-school';
import { AppError } from '../../errors';

export function nsError(code: NightSchoolErrorCode, status: number, message?: string): AppError {
  return new AppError(code, message ?? NIGHT_SCHOOL_ERRORS[code], status);
}

/** The per-person limits' refusals, naming the term's number (apply and the 优秀学员 seat share them). */
export const applicationLimitError = (limit: number) =>
  nsError('APPLICATION_LIMIT', 409, `本学期每人最多报名${limit}门课程，你已报满`);
export const courseLimitError = (limit: number) =>
  nsError('COURSE_LIMIT', 409, `本学期每人最多获得${limit}门课程名额，你已达上限`);
