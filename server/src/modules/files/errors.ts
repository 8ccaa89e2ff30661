// The files feature's errors: a stable code with the Chinese message the app shows as a toast.
import { AppError } from '../../errors';
import { FILE_ERRORS, type FileErrorCode } from '@/contract/files';

export const fileError = (code: FileErrorCode, status = 400) =>
  new AppError(code, FILE_ERRORS[code], status);
