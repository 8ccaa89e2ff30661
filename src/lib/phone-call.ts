import Taro from '@tarojs/taro';

// a Chinese landline (021-6485 2210), mobile (138 0013 8000) or 400 number, spaces and dashes allowed
const PHONE =
  /(0\d{2,3}[-\s]?\d{3,4}[-\s]?\d{4}|1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}|400[-\s]?\d{3}[-\s]?\d{4})/;

/** The number to dial in a contact line such as 「021-6485 2210（驿站服务台，9:00–21:00）」. */
export function phoneNumberIn(contact: string | null | undefined): string | null {
  const m = contact?.match(PHONE);
  return m ? m[1].replace(/[-\s]/g, '') : null;
}

/** Dials: WeChat's call sheet in the weapp; a tel: link in H5 (Taro's H5 makePhoneCall). */
export function callPhone(phoneNumber: string): void {
  void Taro.makePhoneCall({ phoneNumber }).catch(() => undefined);
}
