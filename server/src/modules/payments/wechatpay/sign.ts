// WeChat Pay APIv3 signatures we make with the merchant's private key (RSA-SHA256, PKCS#1 v1.5):
// the Authorization header of every API request, and the paySign of the parameters the
// mini-program hands to requestPayment. Each signs lines joined and ended by "\n", as the protocol
// defines them.
import { createSign, randomBytes, type KeyObject } from 'node:crypto';

export const AUTH_SCHEME = 'WECHATPAY2-SHA256-RSA2048';

/** RSA-SHA256 over the lines, each followed by "\n"; base64. */
export function signLines(lines: string[], privateKey: KeyObject): string {
  return createSign('RSA-SHA256')
    .update(lines.map((l) => `${l}\n`).join(''))
    .sign(privateKey, 'base64');
}

/** 32 random characters for nonce_str / nonceStr (letters and digits). */
export function nonce(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

export interface Merchant {
  mchId: string;
  /** The serial number of the merchant API certificate whose private key signs. */
  serial: string;
  privateKey: KeyObject;
}

/**
 * The Authorization header of one request: signs method, path with query, timestamp, nonce and
 * the exact body sent ('' for a GET).
 */
export function authorization(
  m: Merchant,
  method: 'GET' | 'POST',
  pathAndQuery: string,
  body: string,
  now: Date,
): string {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const nonceStr = nonce();
  const signature = signLines([method, pathAndQuery, timestamp, nonceStr, body], m.privateKey);
  return (
    `${AUTH_SCHEME} mchid="${m.mchId}",nonce_str="${nonceStr}",signature="${signature}",` +
    `timestamp="${timestamp}",serial_no="${m.serial}"`
  );
}

/** What Taro.requestPayment takes (wx.requestPayment's fields, APIv3 with RSA). */
export interface RequestPaymentParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

/** Signs appId, timeStamp, nonceStr and package=prepay_id=… for the mini-program's requestPayment. */
export function requestPaymentParams(
  appId: string,
  prepayId: string,
  privateKey: KeyObject,
  now: Date,
): RequestPaymentParams {
  const timeStamp = String(Math.floor(now.getTime() / 1000));
  const nonceStr = nonce();
  const pkg = `prepay_id=${prepayId}`;
  return {
    timeStamp,
    nonceStr,
    package: pkg,
    signType: 'RSA',
    paySign: signLines([appId, timeStamp, nonceStr, pkg], privateKey),
  };
}
