// WeChat Pay settings, read at start with the other variables (server/src/config.ts): all of them
// or none. Half a configuration would let a course open for payment and then fail every payer,
// so it stops the start instead, naming what is missing. Without any, paid offerings cannot open.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import fs from 'node:fs';

export interface WechatPayConfig {
  /** The mini-program's AppID (WECHAT_APPID): orders are made for its users' openids. */
  appId: string;
  mchId: string;
  /** Serial number of the merchant API certificate (商户API证书序列号). */
  serial: string;
  privateKeyPem: string;
  /** APIv3 key: 32 characters, decrypts the callbacks. */
  apiV3Key: string;
  platformPublicKeyPem: string;
  /** PUB_KEY_ID_…: the Wechatpay-Serial on what the platform key signed. */
  platformPublicKeyId: string;
  apiBase: string;
  timeoutMs: number;
  /** Where WeChat sends payment and refund results: PUBLIC_BASE_URL + the notify route. */
  notifyUrl: string;
  /**
   * Only with the local fake (WECHATPAY_FAKE, development/test): the script of its 模拟支付 sheet,
   * which the H5 build loads because a browser cannot open WeChat's payment sheet.
   */
  demoCashierUrl?: string;
}

export const NOTIFY_PATH = '/api/v1/payments/wechat/notify';

export const WECHATPAY_VARS = [
  'WECHATPAY_MCHID',
  'WECHATPAY_SERIAL',
  'WECHATPAY_PRIVATE_KEY_PATH',
  'WECHATPAY_APIV3_KEY',
  'WECHATPAY_PLATFORM_PUBLIC_KEY_PATH',
  'WECHATPAY_PLATFORM_PUBLIC_KEY_ID',
] as const;

/** One variable's problem: [name, Chinese, English]. */
export type Problem = [string, string, string];

type Env = Partial<Record<string, string>>;

function readPem(
  env: Env,
  name: 'WECHATPAY_PRIVATE_KEY_PATH' | 'WECHATPAY_PLATFORM_PUBLIC_KEY_PATH',
  problems: Problem[],
): string {
  const file = env[name]!;
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch {
    problems.push([name, `读不到文件 ${file}`, `cannot read ${file}`]);
    return '';
  }
  try {
    if (name === 'WECHATPAY_PRIVATE_KEY_PATH') createPrivateKey(pem);
    else createPublicKey(pem);
  } catch {
    problems.push([
      name,
      `${file} 不是 PEM 格式的${name === 'WECHATPAY_PRIVATE_KEY_PATH' ? '私钥' : '公钥'}`,
      `${file} is not a PEM ${name === 'WECHATPAY_PRIVATE_KEY_PATH' ? 'private' : 'public'} key`,
    ]);
  }
  return pem;
}

/** null when no WECHATPAY_* variable is set; problems when some are, or a value is wrong. */
export function parseWechatPay(
  env: Env,
  opts: { appId: string | null; publicBaseUrl: string; timeoutMs: number },
): { config: WechatPayConfig | null; problems: Problem[] } {
  const set = WECHATPAY_VARS.filter((v) => env[v]);
  if (set.length === 0) return { config: null, problems: [] };
  const problems: Problem[] = [];
  const missing = WECHATPAY_VARS.filter((v) => !env[v]);
  if (missing.length > 0)
    problems.push([
      missing.join(', '),
      `微信支付需要全部 ${WECHATPAY_VARS.length} 项配置，缺少这些（已设置 ${set.join('、')}）`,
      `WeChat Pay needs all ${WECHATPAY_VARS.length} variables; these are missing (set: ${set.join(', ')})`,
    ]);
  if (!opts.appId)
    problems.push([
      'WECHAT_APPID',
      '微信支付需要小程序的 AppID',
      "WeChat Pay needs the mini-program's AppID",
    ]);
  if (env.WECHATPAY_APIV3_KEY && Buffer.byteLength(env.WECHATPAY_APIV3_KEY, 'utf8') !== 32)
    problems.push([
      'WECHATPAY_APIV3_KEY',
      'APIv3 密钥应为 32 个字符',
      'the APIv3 key is 32 characters',
    ]);
  if (missing.length > 0) return { config: null, problems };
  const privateKeyPem = readPem(env, 'WECHATPAY_PRIVATE_KEY_PATH', problems);
  const platformPublicKeyPem = readPem(env, 'WECHATPAY_PLATFORM_PUBLIC_KEY_PATH', problems);
  if (problems.length > 0) return { config: null, problems };
  return {
    config: {
      appId: opts.appId!,
      mchId: env.WECHATPAY_MCHID!,
      serial: env.WECHATPAY_SERIAL!,
      privateKeyPem,
      apiV3Key: env.WECHATPAY_APIV3_KEY!,
      platformPublicKeyPem,
      platformPublicKeyId: env.WECHATPAY_PLATFORM_PUBLIC_KEY_ID!,
      apiBase: (env.WECHATPAY_API_BASE ?? 'https://api.mch.weixin.qq.com').replace(/\/+$/, ''),
      timeoutMs: opts.timeoutMs,
      notifyUrl: `${opts.publicBaseUrl}${NOTIFY_PATH}`,
    },
    problems: [],
  };
}
