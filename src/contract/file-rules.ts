// Rules of uploaded files shared by server and client, without TypeBox (the app bundles this file).
export const FILE_PURPOSES = ['station_proof', 'reduction_proof'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

/** The image types the server accepts, decided by the file's first bytes, never by its name. */
export const FILE_MIMES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type FileMime = (typeof FILE_MIMES)[number];

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Files one person may keep at once (attached or waiting to be); more is abuse, not paperwork. */
export const MAX_LIVE_FILES_PER_USER = 20;
/** A file no record has claimed (e.g. a proof never attached) is deleted this long after upload. */
export const UNCLAIMED_FILE_HOURS = 24;

export const FILE_ERRORS = {
  FILE_MISSING: '请选择要上传的图片',
  FILE_NOT_MULTIPART: '请以表单方式（multipart/form-data）上传图片',
  FILE_PURPOSE_INVALID: '不支持的上传用途',
  FILE_TOO_LARGE: '图片不能超过5MB，请压缩后重试',
  FILE_TYPE_INVALID: '只能上传JPG、PNG或WebP图片',
  FILE_QUOTA_EXCEEDED: `已上传的图片过多（最多${MAX_LIVE_FILES_PER_USER}张），请先删除不用的预订材料或稍后再试`,
  FILE_NOT_FOUND: '未找到该文件',
  FILE_IN_USE: '该图片已用于另一份证明材料',
} as const;
export type FileErrorCode = keyof typeof FILE_ERRORS;
