// 去支付 end to end on the phone, for any service's hold: the server's order and signed parameters,
// WeChat's payment sheet, then the server asked once more (its callback may not have come yet).
import Taro from '@tarojs/taro';
import type { PaymentOrder, PaymentStart } from '@/contract/payments';
import { request } from './request';

/** Back from the payment sheet: the server asks WeChat Pay if its callback has not come yet. */
export const refreshOrder = (orderId: string) =>
  request<PaymentOrder>(`/api/v1/payments/orders/${orderId}/refresh`, {
    method: 'POST',
    data: {},
    silent: true,
  });

/**
 * Opens the hold's order (`start`, the service's pay endpoint), pays it and tells the payer how
 * it went. True when the payment went through to the server (reload the page); request errors
 * were shown already.
 */
export async function payForHold(start: () => Promise<PaymentStart>): Promise<boolean> {
  try {
    const started = await start();
    if (started.requestPayment) {
      try {
        await Taro.requestPayment(started.requestPayment);
      } catch {
        // closed the sheet, or no WeChat Pay here (H5): the hold keeps running
        void Taro.showToast({ title: '未完成支付，名额在支付时限内为你保留', icon: 'none' });
        return false;
      }
    }
    const order = await refreshOrder(started.order.id).catch(() => started.order);
    void Taro.showToast({
      title: order.status === 'paid' ? '支付成功，报名成功' : '支付结果确认中，请稍后下拉刷新',
      icon: 'none',
    });
    return true;
  } catch {
    // the request wrapper has shown the reason
    return false;
  }
}
