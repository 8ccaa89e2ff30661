import Taro from '@tarojs/taro';
import { ApiError, NetworkError } from './api-error';
import { authHeader } from './files';
import { saveUrl } from './save-file';

/**
 * A PDF the server makes for the signed-in person (the certificate of hours), fetched with the
 * session's token. H5 saves it as any site's download; the mini-program opens it in WeChat's
 * document viewer, whose menu offers 转发 and 保存 (openDocument takes PDF, unlike CSV).
 */
export async function downloadPdf(path: string, filename: string, refused: string): Promise<void> {
  let res: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    res = await Taro.downloadFile({ url: `${API_BASE}${path}`, header: authHeader() });
  } catch {
    void Taro.showToast({ title: '网络不给力，请稍后再试', icon: 'none', duration: 2500 });
    throw new NetworkError();
  }
  if (res.statusCode !== 200) {
    void Taro.showToast({ title: refused, icon: 'none', duration: 2500 });
    throw new ApiError({
      statusCode: res.statusCode,
      code: `HTTP_${res.statusCode}`,
      error: 'Error',
      message: refused,
    });
  }
  if (process.env.TARO_ENV === 'h5') {
    saveUrl(res.tempFilePath, filename);
    URL.revokeObjectURL(res.tempFilePath);
  } else await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'pdf', showMenu: true });
}
