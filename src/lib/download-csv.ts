import Taro from '@tarojs/taro';
import { request } from './request';
import { saveBlob } from './save-file';

/**
 * The one way an export is saved (rosters, occupancy, hours, the audit log). Exports are for the
 * organizer's PC (the H5 build): the request carries the staff's token and a refusal comes back
 * as the usual Chinese toast (never saved as a file), and the file downloads as from any site.
 * WeChat cannot open a CSV (openDocument takes Office and PDF only), so on the phone the organizer
 * is told where to go instead.
 */
export async function downloadCsv(
  path: string,
  filename: string,
  onPhone = '名单和日志导出为 Excel 可打开的 CSV 文件，请在电脑浏览器打开青年汇管理端后导出。',
): Promise<void> {
  if (process.env.TARO_ENV !== 'h5') {
    await Taro.showModal({ title: '请在电脑上导出', content: onPhone, showCancel: false });
    return;
  }
  const csv = await request<string>(path, { text: true });
  // Reading the body as text drops the server's byte-order mark, and without it Excel reads the
  // Chinese as GBK mojibake: put it back.
  saveBlob(
    new Blob([csv.startsWith('\uFEFF') ? csv : `\uFEFF${csv}`], { type: 'text/csv;charset=utf-8' }),
    filename,
  );
}
