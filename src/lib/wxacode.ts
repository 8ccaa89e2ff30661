// 小程序码 on the client: the landing page trades a scene for its code, an in-app scan of a
// 小程序码 (wx.scanCode reports its path, not the code) does the same, and organizer screens show
// the image in the weapp. In a browser there is no WeChat scanner, so H5 keeps the plain QR code.
import type { Scene } from '@/contract/wxacode';
import { sceneFromPath } from '@/contract/wxacode-rules';
import { request } from './request';

/** Silent: the landing page and the scanners show the refusal in place. */
export function fetchScene(scene: string): Promise<Scene> {
  return request<Scene>(`/api/v1/wxacode/${encodeURIComponent(scene)}/target`, { silent: true });
}

/** The check-in code an in-app scan read: the raw code of a plain QR, or the code behind a 小程序码. */
export async function scannedCode(res: { result: string; path?: string }): Promise<string> {
  const scene = sceneFromPath(res.path);
  return scene ? (await fetchScene(scene)).code : res.result;
}

/** The page a check-in code opens: the night school's check-in, or the volunteer's (in or out). */
export function landingUrl(scene: Scene, kind: 'in' | 'out' = 'in'): string {
  const code = encodeURIComponent(scene.code);
  if (scene.target === 'ns-checkin')
    return `/features/night-school/pages/mine/index?checkin=${code}`;
  return `/features/volunteer/pages/checkin/index?shiftId=${scene.shiftId ?? ''}&kind=${kind}&token=${code}`;
}

/** The image to show for a code: its 小程序码 in the weapp when the server made one, else the QR. */
export function codeImage(code: { qrDataUrl: string; wxacodeUrl: string | null }): string {
  return process.env.TARO_ENV === 'weapp' && code.wxacodeUrl
    ? `${API_BASE}${code.wxacodeUrl}`
    : code.qrDataUrl;
}
