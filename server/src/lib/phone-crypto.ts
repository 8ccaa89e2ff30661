// Phones at rest: AES-256-GCM under a key from PHONE_KEYS, stored as `enc1:<key id>:<base64 of
// iv | tag | ciphertext>`. The key id travels with each value, so keys can rotate: the first key
// encrypts, any listed key decrypts, and the boot pass (phones-at-rest.ts) re-encrypts values
// under an older key. The service never looks a person up by phone, so no lookup HMAC is kept.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { PhoneKey } from '../config';
import { PHONE_PATTERN } from '@/contract/phone';

const PREFIX = 'enc1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
// binds a ciphertext to its use: a value copied into another encrypted field does not decrypt there
const AAD = Buffer.from('youth-hub/phone');

export function encryptPhone(keys: PhoneKey[], phone: string): string {
  const { id, key } = keys[0];
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(AAD);
  const body = Buffer.concat([cipher.update(phone, 'utf8'), cipher.final()]);
  return `${PREFIX}:${id}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

/** The key id of a stored value; null for a legacy plaintext phone. */
export function phoneKeyId(stored: string): string | null {
  const parts = stored.split(':');
  return parts.length === 3 && parts[0] === PREFIX ? parts[1] : null;
}

export function decryptPhone(keys: PhoneKey[], stored: string): string {
  const keyId = phoneKeyId(stored);
  // a row written before encryption, not yet reached by the boot pass
  if (keyId === null && PHONE_PATTERN.test(stored)) return stored;
  const key = keys.find((k) => k.id === keyId);
  if (!key) throw new Error(`phone encrypted under key "${keyId}", which PHONE_KEYS does not hold`);
  const raw = Buffer.from(stored.split(':')[2], 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key.key, raw.subarray(0, IV_BYTES)).setAAD(AAD);
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([
    decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)),
    decipher.final(),
  ]).toString('utf8');
}
