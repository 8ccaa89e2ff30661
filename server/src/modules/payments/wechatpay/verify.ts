// What WeChat Pay sends us is checked before it is believed: the platform signs every API answer
// and every notify callback (RSA-SHA256 over timestamp, nonce and body, with the key named by
// Wechatpay-Serial), and encrypts the callback's resource with our APIv3 key (AEAD_AES_256_GCM).
import { createDecipheriv, createVerify, type KeyObject } from 'node:crypto';

/** A replayed old message is refused: WeChat's own guidance allows five minutes of clock skew. */
export const MAX_SKEW_SEC = 300;

export interface Platform {
  /** The WeChat Pay platform public key (商户平台 → API安全 → 微信支付公钥). */
  publicKey: KeyObject;
  /** Its id (PUB_KEY_ID_…), sent as Wechatpay-Serial on what it signed. */
  publicKeyId: string;
}

export class WechatPaySignatureError extends Error {
  constructor(reason: string) {
    super(`WeChat Pay signature refused: ${reason}`);
    this.name = 'WechatPaySignatureError';
  }
}

/** Headers are read case-insensitively (Node lower-cases them; fetch's Headers does too). */
type HeaderBag = Record<string, string | string[] | undefined> | Headers;
function header(h: HeaderBag, name: string): string | undefined {
  if (h instanceof Headers) return h.get(name) ?? undefined;
  const v = h[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** Throws unless the headers carry a fresh, valid platform signature of exactly `body`. */
export function verifySignature(p: Platform, headers: HeaderBag, body: string, now: Date): void {
  const timestamp = header(headers, 'Wechatpay-Timestamp');
  const nonceStr = header(headers, 'Wechatpay-Nonce');
  const signature = header(headers, 'Wechatpay-Signature');
  const serial = header(headers, 'Wechatpay-Serial');
  if (!timestamp || !nonceStr || !signature || !serial)
    throw new WechatPaySignatureError('headers missing');
  if (serial !== p.publicKeyId) throw new WechatPaySignatureError(`unknown key ${serial}`);
  if (
    !/^\d{1,12}$/.test(timestamp) ||
    Math.abs(now.getTime() / 1000 - Number(timestamp)) > MAX_SKEW_SEC
  )
    throw new WechatPaySignatureError('timestamp out of range');
  const ok = createVerify('RSA-SHA256')
    .update(`${timestamp}\n${nonceStr}\n${body}\n`)
    .verify(p.publicKey, signature, 'base64');
  if (!ok) throw new WechatPaySignatureError('bad signature');
}

export interface EncryptedResource {
  algorithm: string;
  ciphertext: string;
  nonce: string;
  associated_data?: string;
}

/** Decrypts a notify resource; the GCM tag (its last 16 bytes) authenticates it and the associated data. */
export function decryptResource(r: EncryptedResource, apiV3Key: Buffer): unknown {
  if (r.algorithm !== 'AEAD_AES_256_GCM')
    throw new WechatPaySignatureError(`algorithm ${r.algorithm}`);
  const data = Buffer.from(r.ciphertext, 'base64');
  if (data.length <= 16) throw new WechatPaySignatureError('ciphertext too short');
  try {
    const decipher = createDecipheriv('aes-256-gcm', apiV3Key, Buffer.from(r.nonce, 'utf8'));
    decipher.setAAD(Buffer.from(r.associated_data ?? '', 'utf8'));
    decipher.setAuthTag(data.subarray(data.length - 16));
    const plain = Buffer.concat([
      decipher.update(data.subarray(0, data.length - 16)),
      decipher.final(),
    ]);
    return JSON.parse(plain.toString('utf8'));
  } catch {
    throw new WechatPaySignatureError('resource does not decrypt');
  }
}
