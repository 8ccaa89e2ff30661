import Taro from '@tarojs/taro';
import { request } from './request';

/**
 * Saves a CSV export from the API. Exports are for the organizer's PC (the H5 build): there the
 * file downloads as it would from any site. WeChat cannot open a CSV, so on the phone the
 * organizer is told where to go instead.
 */
export async function downloadCsv(path: string, filename: string): Promise<void> {
  if (process.env.TARO_ENV !== 'h5') {
    await Taro.showModal({ title: '请在电脑上导出', content: '名单和日志导出为 Excel 可打开的 CSV 文件，请在电脑浏览器打开青年汇管理端后导出。', showCancel: false });
    return;
  }
  const csv = await request<string>(path, { text: true });
  const blob = new Blob([csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  URL.revokeObjectURL(url);
}
