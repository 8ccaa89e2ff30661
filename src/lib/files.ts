// Images to and from the files endpoint (POST /api/v1/files, GET /api/v1/files/:id). Taro's
// uploadFile and downloadFile, not request(): the weapp sends files only through them, and they
// carry the session's bearer token like every other call. Works the same in the H5 build.
import Taro from '@tarojs/taro';
import { MAX_FILE_BYTES, type FilePurpose } from '@/contract/file-rules';
import type { StoredFile } from '@/contract/files';
import { ApiError, NetworkError, isApiErrorBody } from './api-error';
import { useSession } from './session';

const FALLBACK_MESSAGE = '上传失败，请稍后再试';

/** The session's bearer token for the calls that go around request() (files, downloads). */
export function authHeader(): Record<string, string> {
  const { token } = useSession.getState();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/**
 * One photo from the album or the camera, compressed by WeChat: its local path, or null when the
 * picker was closed or the photo is over the size limit (which the person is told).
 */
export async function pickImage(): Promise<string | null> {
  let picked: { tempFilePath: string; size: number } | undefined;
  try {
    const { tempFiles } = await Taro.chooseMedia({
      count: 1,
      mediaType: ['image'],
      sizeType: ['compressed'],
      sourceType: ['album', 'camera'],
    });
    picked = tempFiles[0];
  } catch {
    return null; // the picker was closed
  }
  if (!picked) return null;
  if (picked.size > MAX_FILE_BYTES) {
    void Taro.showToast({ title: '图片不能超过5MB，请换一张', icon: 'none', duration: 2500 });
    return null;
  }
  return picked.tempFilePath;
}

/** Uploads one picked image; a refusal is shown as a toast and thrown as ApiError. */
export async function uploadImage(filePath: string, purpose: FilePurpose): Promise<StoredFile> {
  let res: Taro.uploadFile.SuccessCallbackResult;
  try {
    res = await Taro.uploadFile({
      url: `${API_BASE}/api/v1/files`,
      filePath,
      name: 'file',
      formData: { purpose },
      header: authHeader(),
      timeout: 60_000,
    });
  } catch {
    void Taro.showToast({
      title: '网络不给力，图片没有传上去，请重试',
      icon: 'none',
      duration: 2500,
    });
    throw new NetworkError();
  }
  let body: unknown = null;
  try {
    body = JSON.parse(res.data);
  } catch {
    // a proxy's HTML page: the generic message below
  }
  if (res.statusCode === 201) return body as StoredFile;
  const error = isApiErrorBody(body)
    ? body
    : {
        statusCode: res.statusCode,
        code: `HTTP_${res.statusCode}`,
        error: 'Error',
        message: FALLBACK_MESSAGE,
      };
  void Taro.showToast({ title: error.message, icon: 'none', duration: 2500 });
  throw new ApiError(error);
}

/** A local path (weapp temp file, H5 blob URL) of a stored image the caller may read. */
export async function downloadImage(fileId: string): Promise<string> {
  const res = await Taro.downloadFile({
    url: `${API_BASE}/api/v1/files/${fileId}`,
    header: authHeader(),
  });
  if (res.statusCode !== 200) {
    void Taro.showToast({ title: '图片已删除或无权查看', icon: 'none', duration: 2500 });
    throw new ApiError({
      statusCode: res.statusCode,
      code: `HTTP_${res.statusCode}`,
      error: 'Error',
      message: '图片已删除或无权查看',
    });
  }
  return res.tempFilePath;
}
