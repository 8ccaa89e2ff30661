// The adapter's cryptography against keys made here: what we sign verifies with the merchant's
// public key, and what we accept must carry the platform's signature and decrypt with the APIv3 key.
import {
  createCipheriv,
  createSign,
  createVerify,
  generateKeyPairSync,
  randomBytes,
} from 'node:crypto';
import {
  authorization,
  requestPaymentParams,
} from '../../../../server/src/modules/payments/wechatpay/sign';
import {
  decryptResource,
  verifySignature,
} from '../../../../server/src/modules/payments/wechatpay/verify';
import { beijingRfc3339 } from '../../../../server/src/modules/payments/wechatpay/client';

const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
const now = new Date('2026-03-01T02:00:00.000Z');
const ts = String(now.getTime() / 1000);

describe('request signing', () => {
  it('Authorization signs method, path, timestamp, nonce and body with the merchant key', () => {
    const m = { mchId: '1900000109', serial: 'ABC123DEF456', privateKey: merchant.privateKey };
    const body = '{"a":1}';
    const header = authorization(m, 'POST', '/v3/pay/transactions/jsapi', body, now);
    const match = /^WECHATPAY2-SHA256-RSA2048 (.*)$/.exec(header)!;
    const f = Object.fromEntries(
      [...match[1].matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]),
    );
    expect(f).toMatchObject({ mchid: '1900000109', serial_no: 'ABC123DEF456', timestamp: ts });
    expect(f.nonce_str).toMatch(/^[0-9A-F]{32}$/);
    const signed = `POST\n/v3/pay/transactions/jsapi\n${ts}\n${f.nonce_str}\n${body}\n`;
    expect(
      createVerify('RSA-SHA256').update(signed).verify(merchant.publicKey, f.signature, 'base64'),
    ).toBe(true);
  });

  it('requestPayment signs appId, timeStamp, nonceStr and package', () => {
    const p = requestPaymentParams(
      'wxAPP',
      'wx201410272009395522657a690389285100',
      merchant.privateKey,
      now,
    );
    expect(p).toMatchObject({
      timeStamp: ts,
      package: 'prepay_id=wx201410272009395522657a690389285100',
      signType: 'RSA',
    });
    const signed = `wxAPP\n${ts}\n${p.nonceStr}\n${p.package}\n`;
    expect(
      createVerify('RSA-SHA256').update(signed).verify(merchant.publicKey, p.paySign, 'base64'),
    ).toBe(true);
  });

  it('time_expire is RFC 3339 in Beijing time', () => {
    expect(beijingRfc3339(new Date('2026-03-01T02:30:01.500Z'))).toBe('2026-03-01T10:30:01+08:00');
  });
});

describe('what WeChat Pay sends us', () => {
  const p = { publicKey: platform.publicKey, publicKeyId: 'PUB_KEY_ID_1' };
  const signedBy = (
    key: typeof platform.privateKey,
    body: string,
    at = ts,
    serial = 'PUB_KEY_ID_1',
  ) => {
    const nonce = 'n0nce';
    return {
      'wechatpay-timestamp': at,
      'wechatpay-nonce': nonce,
      'wechatpay-serial': serial,
      'wechatpay-signature': createSign('RSA-SHA256')
        .update(`${at}\n${nonce}\n${body}\n`)
        .sign(key, 'base64'),
    };
  };

  it('accepts the platform signature over timestamp, nonce and body', () => {
    expect(() => verifySignature(p, signedBy(platform.privateKey, '{}'), '{}', now)).not.toThrow();
  });

  it.each([
    ['another key', () => signedBy(merchant.privateKey, '{}'), '{}'],
    ['another body', () => signedBy(platform.privateKey, '{}'), '{ }'],
    ['an unknown key id', () => signedBy(platform.privateKey, '{}', ts, 'PUB_KEY_ID_2'), '{}'],
    [
      'a timestamp 301 s old',
      () => signedBy(platform.privateKey, '{}', String(Number(ts) - 301)),
      '{}',
    ],
    ['no signature', () => ({}), '{}'],
  ])('refuses %s', (_name, headers, body) => {
    expect(() => verifySignature(p, headers() as Record<string, string>, body, now)).toThrow(
      /signature refused/,
    );
  });

  const key = Buffer.from(randomBytes(16).toString('hex'));
  const seal = (plain: string, aad: string) => {
    const nonce = 'abcdef123456';
    const c = createCipheriv('aes-256-gcm', key, Buffer.from(nonce));
    c.setAAD(Buffer.from(aad));
    const data = Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
    return {
      algorithm: 'AEAD_AES_256_GCM',
      ciphertext: data.toString('base64'),
      nonce,
      associated_data: aad,
    };
  };

  it('decrypts a resource with the APIv3 key and its associated data', () => {
    expect(decryptResource(seal('{"trade_state":"SUCCESS"}', 'transaction'), key)).toEqual({
      trade_state: 'SUCCESS',
    });
  });

  it('refuses a resource with other associated data, another key or a flipped byte', () => {
    const r = seal('{"trade_state":"SUCCESS"}', 'transaction');
    expect(() => decryptResource({ ...r, associated_data: 'refund' }, key)).toThrow(/decrypt/);
    expect(() => decryptResource(r, Buffer.alloc(32, 7))).toThrow(/decrypt/);
    const bytes = Buffer.from(r.ciphertext, 'base64');
    bytes[0] ^= 1;
    expect(() => decryptResource({ ...r, ciphertext: bytes.toString('base64') }, key)).toThrow(
      /decrypt/,
    );
  });
});
