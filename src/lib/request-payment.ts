// Opening the payment sheet for an order the server created. In the mini-program that is WeChat's
// own sheet (Taro.requestPayment with the server-signed parameters). A browser has no WeChat Pay:
// the H5 build can pay only where the server runs the local fake WeChat Pay (the demo and the
// browser tests, never production), which names the script of its 模拟支付 sheet; everywhere else
// H5 asks to pay in the mini-program. The sheet is the fake's, so no build of the app carries it.
import Taro from '@tarojs/taro';
import type { PaymentStart } from '@/contract/payments';

/** H5 without the demo's fake: there is no way to pay in a browser. */
export class PayInMiniProgram extends Error {
  constructor() {
    super('请在微信小程序中完成支付');
  }
}

type DemoPay = (params: NonNullable<PaymentStart['requestPayment']>) => Promise<unknown>;

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = () => resolve();
    s.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.appendChild(s);
  });
}

/** WeChat's own sheet, in the mini-program. */
async function payInWeChat(start: PaymentStart): Promise<void> {
  if (start.requestPayment) await Taro.requestPayment(start.requestPayment);
}

/** A browser: the fake's 模拟支付 sheet where the server names one. */
async function payInBrowser(start: PaymentStart): Promise<void> {
  const params = start.requestPayment;
  if (!params) return; // already paid
  if (!start.demoCashierUrl) throw new PayInMiniProgram();
  const w = window as unknown as { youthHubDemoPay?: DemoPay };
  if (!w.youthHubDemoPay) await loadScript(start.demoCashierUrl);
  await w.youthHubDemoPay!(params);
}

/**
 * Resolves once the payer paid; rejects when they closed the sheet or paying failed. A plain
 * conditional on the build-time TARO_ENV, so the weapp build drops the browser's way altogether.
 */
export function requestPayment(start: PaymentStart): Promise<void> {
  return process.env.TARO_ENV === 'h5' ? payInBrowser(start) : payInWeChat(start);
}
