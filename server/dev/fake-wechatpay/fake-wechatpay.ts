// A local stand-in for api.mch.weixin.qq.com (WeChat Pay APIv3) doing the real cryptography with
// keys made at its start: it checks the signature on every request we send (our merchant key), signs
// every answer and every callback with its platform key, and encrypts callback resources with the
// APIv3 key (AES-256-GCM). It keeps orders and refunds as WeChat does: one order per out_trade_no
// (the same fields answer the same prepay_id), no payment after time_expire, ORDERPAID on closing a
// paid order, refunds never above the amount paid. A callback our server does not answer with 2xx
// is sent again on `retryDelaysMs`, as WeChat retries its notifications.
//
// One module for every user: the API tests (callbacks injected into the app through `deliver`),
// the browser tests and the demo (`npm start`, server/dev/fake-wechatpay/demo.ts), and the fault
// tests, which kill the API while it stays up. The payer's side — a browser cannot open WeChat's
// payment sheet — is the 模拟支付 sheet this server itself serves (cashier-sheet.ts). Nothing here
// is part of the production build, and the server refuses to use it outside development and test.
// WeChat's request and answer bodies are free JSON here; the tests' assertions check their shape.
/* eslint-disable @typescript-eslint/no-explicit-any */
import {
  createCipheriv,
  createPublicKey,
  createSign,
  createVerify,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CASHIER_SHEET_JS } from './cashier-sheet';

export interface WechatPayTestConfig {
  appId: string;
  mchId: string;
  serial: string;
  privateKeyPem: string;
  apiV3Key: string;
  platformPublicKeyPem: string;
  platformPublicKeyId: string;
  apiBase: string;
  timeoutMs: number;
  notifyUrl: string;
}

export interface FakeOrder {
  request: any;
  prepayId: string;
  state: 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND';
  transactionId: string | null;
  paidFen: number | null;
  creates: number;
}

export interface FakeRefund {
  request: any;
  refundId: string;
  status: 'PROCESSING' | 'SUCCESS' | 'CLOSED' | 'ABNORMAL';
}

export interface Notification {
  headers: Record<string, string>;
  body: string;
  /** The notify_url of the order or refund it is about (where WeChat sends it). */
  notifyUrl?: string;
}

export interface FakeWechatPay {
  baseUrl: string;
  /** The adapter's configuration for this fake (keys, ids, base URL). */
  config: WechatPayTestConfig;
  orders: Map<string, FakeOrder>;
  refunds: Map<string, FakeRefund>;
  /** Every request: method, path with query, whether our signature verified. */
  requests: Array<{ method: string; path: string; signed: boolean; body: any }>;
  /** Where callbacks go; answers the HTTP status our endpoint gave. */
  deliver: (n: Notification) => Promise<number>;
  /** Status codes our endpoint answered to each delivered callback, in order (0: no answer). */
  deliveries: number[];
  /** The 模拟支付 sheet's script, for a browser that cannot open WeChat's own sheet. */
  cashierUrl: string;
  /**
   * The payer pays the order (refused after time_expire). `paidFen` fakes a different amount;
   * `notify: false` keeps the callback back (a late or lost one). Answers the callback it built.
   */
  pay(outTradeNo: string, opts?: { paidFen?: number; notify?: boolean }): Promise<Notification>;
  /** Callbacks waiting for a retry (our endpoint has not taken them yet), and refunds still to finish. */
  retrying(): number;
  /** Stops retrying callbacks (WeChat gave up, or a test wants a lost callback). */
  stopRetries(): void;
  /** A refund finishes (SUCCESS by default) and its callback is delivered unless notify is false. */
  finishRefund(
    outRefundNo: string,
    opts?: { status?: FakeRefund['status']; notify?: boolean },
  ): Promise<Notification>;
  /** A signed, encrypted callback of any event and resource (for replays and forgeries). */
  notification(eventType: string, resource: object): Notification;
  /** A callback signed with a key that is not the platform's. */
  forged(eventType: string, resource: object): Notification;
  /** The next requests answer this status (e.g. 500, an outage) before behaving again. */
  failNext(n: number, status?: number): void;
  close(): Promise<void>;
}

const rsa = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });

const sign = (key: KeyObject | string, message: string) =>
  createSign('RSA-SHA256').update(message).sign(key, 'base64');

function encrypt(apiV3Key: string, plain: object) {
  const nonce = randomBytes(6).toString('hex'); // 12 characters, as WeChat's are
  const associated = 'transaction';
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key), Buffer.from(nonce));
  cipher.setAAD(Buffer.from(associated));
  const data = Buffer.concat([cipher.update(JSON.stringify(plain), 'utf8'), cipher.final()]);
  return {
    algorithm: 'AEAD_AES_256_GCM',
    ciphertext: Buffer.concat([data, cipher.getAuthTag()]).toString('base64'),
    associated_data: associated,
    nonce,
    original_type: 'transaction',
  };
}

/** time_expire "2026-03-01T10:30:00+08:00" as an instant. */
const parseExpire = (s: string) => new Date(s).getTime();

export interface FakeOptions {
  /** The fake's clock (the server's, when tests move it). */
  now?: () => Date;
  /** The mini-program's AppID the orders are made for. */
  appId?: string;
  /** Where it listens (127.0.0.1 by default) and the host name browsers reach it by. */
  host?: string;
  publicHost?: string;
  /**
   * Waits before each new try of a callback our endpoint did not take (WeChat: 15 s, 15 s, 30 s,
   * 3 min, …). Empty (the default): a callback is sent once, as the API tests want.
   */
  retryDelaysMs?: number[];
  /** A refund completes this long after it is asked for, with its callback (the demo); unset: when a test says. */
  refundAfterMs?: number;
}

/** WeChat's documented notify retry schedule, shortened tenfold for a demo that should not wait. */
export const DEMO_RETRY_DELAYS_MS = [1_500, 1_500, 3_000, 18_000, 60_000, 120_000, 180_000];

export async function startFakeWechatPay(opts: FakeOptions = {}): Promise<FakeWechatPay> {
  const now = opts.now ?? (() => new Date());
  const retryDelaysMs = opts.retryDelaysMs ?? [];
  const retryTimers = new Set<NodeJS.Timeout>();
  const merchant = rsa();
  const platform = rsa();
  const stranger = rsa();
  const platformId = `PUB_KEY_ID_${randomBytes(8).toString('hex').toUpperCase()}`;
  const mchId = '1900000109';
  const serial = randomBytes(20).toString('hex').toUpperCase();
  const apiV3Key = randomBytes(16).toString('hex'); // 32 characters
  const merchantPublic = createPublicKey(merchant.publicKey);
  const orders = new Map<string, FakeOrder>();
  const refunds = new Map<string, FakeRefund>();
  const requests: FakeWechatPay['requests'] = [];
  const deliveries: number[] = [];
  let failures: Array<number> = [];
  let serialNo = 0;

  const signedHeaders = (body: string, key: string = platform.privateKey) => {
    const timestamp = String(Math.floor(now().getTime() / 1000));
    const nonce = randomBytes(16).toString('hex');
    return {
      'Wechatpay-Timestamp': timestamp,
      'Wechatpay-Nonce': nonce,
      'Wechatpay-Signature': sign(key, `${timestamp}\n${nonce}\n${body}\n`),
      'Wechatpay-Serial': platformId,
      'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
      'Content-Type': 'application/json',
    };
  };

  /** Checks `Authorization` as WeChat does: our mchid and serial, a fresh timestamp, the signature. */
  const verified = (method: string, path: string, body: string, auth: string | undefined) => {
    const m = /^WECHATPAY2-SHA256-RSA2048 (.*)$/.exec(auth ?? '');
    if (!m) return false;
    const f = Object.fromEntries([...m[1].matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (f.mchid !== mchId || f.serial_no !== serial) return false;
    if (Math.abs(Number(f.timestamp) - now().getTime() / 1000) > 300) return false;
    return createVerify('RSA-SHA256')
      .update(`${method}\n${path}\n${f.timestamp}\n${f.nonce_str}\n${body}\n`)
      .verify(merchantPublic, f.signature, 'base64');
  };

  const transaction = (no: string, o: FakeOrder) => ({
    appid: o.request.appid,
    mchid: o.request.mchid,
    out_trade_no: no,
    trade_state: o.state,
    trade_state_desc: o.state,
    trade_type: 'JSAPI',
    ...(o.transactionId
      ? {
          transaction_id: o.transactionId,
          success_time: new Date(now().getTime() + 8 * 3_600_000)
            .toISOString()
            .replace(/\.\d+Z$/, '+08:00'),
        }
      : {}),
    payer: o.request.payer,
    amount: {
      total: o.paidFen ?? o.request.amount.total,
      payer_total: o.paidFen ?? o.request.amount.total,
      currency: 'CNY',
      payer_currency: 'CNY',
    },
  });

  const refundBody = (no: string, r: FakeRefund) => ({
    refund_id: r.refundId,
    out_refund_no: no,
    out_trade_no: r.request.out_trade_no,
    status: r.status,
    amount: r.request.amount,
  });

  type Answer = { status: number; body?: unknown };
  const error = (status: number, code: string, message: string): Answer => ({
    status,
    body: { code, message },
  });

  function route(method: string, url: URL, body: any): Answer {
    const path = url.pathname;
    if (method === 'POST' && path === '/v3/pay/transactions/jsapi') {
      const no = String(body.out_trade_no);
      const existing = orders.get(no);
      if (existing) {
        if (JSON.stringify(existing.request) !== JSON.stringify(body))
          return error(400, 'INVALID_REQUEST', '201 商户订单号重复');
        if (existing.state !== 'NOTPAY') return error(400, 'ORDERPAID', '订单已支付或已关闭');
        existing.creates += 1;
        return { status: 200, body: { prepay_id: existing.prepayId } };
      }
      if (body.mchid !== mchId || !body.payer?.openid || !(body.amount?.total > 0))
        return error(400, 'PARAM_ERROR', '参数错误');
      const order: FakeOrder = {
        request: body,
        prepayId: `wx${randomBytes(14).toString('hex')}`,
        state: 'NOTPAY',
        transactionId: null,
        paidFen: null,
        creates: 1,
      };
      orders.set(no, order);
      return { status: 200, body: { prepay_id: order.prepayId } };
    }
    let m = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/.exec(path);
    if (method === 'GET' && m) {
      const o = orders.get(decodeURIComponent(m[1]));
      if (!o || url.searchParams.get('mchid') !== mchId)
        return error(404, 'ORDER_NOT_EXIST', '订单不存在');
      return { status: 200, body: transaction(decodeURIComponent(m[1]), o) };
    }
    m = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/.exec(path);
    if (method === 'POST' && m) {
      const o = orders.get(decodeURIComponent(m[1]));
      if (!o) return error(404, 'ORDER_NOT_EXIST', '订单不存在');
      if (o.state === 'SUCCESS' || o.state === 'REFUND')
        return error(400, 'ORDERPAID', '订单已支付');
      o.state = 'CLOSED';
      return { status: 204 };
    }
    if (method === 'POST' && path === '/v3/refund/domestic/refunds') {
      const no = String(body.out_refund_no);
      const existing = refunds.get(no);
      if (existing) return { status: 200, body: refundBody(no, existing) };
      const o = orders.get(String(body.out_trade_no));
      if (!o || (o.state !== 'SUCCESS' && o.state !== 'REFUND'))
        return error(400, 'INVALID_REQUEST', '订单未支付');
      const paid = o.paidFen!;
      const already = [...refunds.values()]
        .filter((r) => r.request.out_trade_no === body.out_trade_no && r.status !== 'CLOSED')
        .reduce((s, r) => s + r.request.amount.refund, 0);
      if (body.amount?.total !== paid || already + body.amount.refund > paid)
        return error(400, 'INVALID_REQUEST', '退款金额超过订单可退金额');
      const r: FakeRefund = {
        request: body,
        refundId: `50${randomBytes(12).toString('hex')}`,
        status: 'PROCESSING',
      };
      refunds.set(no, r);
      o.state = 'REFUND';
      if (opts.refundAfterMs !== undefined) {
        const timer = setTimeout(() => {
          retryTimers.delete(timer);
          if (r.status === 'PROCESSING') void fake.finishRefund(no);
        }, opts.refundAfterMs);
        timer.unref();
        retryTimers.add(timer);
      }
      return { status: 200, body: refundBody(no, r) };
    }
    m = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(path);
    if (method === 'GET' && m) {
      const r = refunds.get(decodeURIComponent(m[1]));
      if (!r) return error(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
      return { status: 200, body: refundBody(decodeURIComponent(m[1]), r) };
    }
    return error(404, 'NOT_FOUND', 'no such API');
  }

  const orderByPrepay = (prepayId: string) =>
    [...orders.entries()].find(([, o]) => o.prepayId === prepayId);

  /**
   * The payer's side, which WeChat's app does on the phone: the sheet shows the order and, on
   * 确认支付, sends back the requestPayment parameters the app was given. They must carry our
   * merchant's paySign over this prepay_id, as WeChat checks before it takes any money.
   */
  async function payerRoute(
    method: string,
    url: URL,
    raw: string,
  ): Promise<{ status: number; type: string; text: string }> {
    const json = (status: number, body: unknown) => ({
      status,
      type: 'application/json',
      text: JSON.stringify(body),
    });
    if (method === 'GET' && url.pathname === '/demo/cashier.js')
      return { status: 200, type: 'text/javascript; charset=utf-8', text: CASHIER_SHEET_JS };
    const params = (
      method === 'GET' ? Object.fromEntries(url.searchParams) : JSON.parse(raw || '{}')
    ) as Record<string, string>;
    const found = orderByPrepay(String(params.package ?? '').replace(/^prepay_id=/, ''));
    if (!found) return json(404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' });
    const [no, order] = found;
    if (method === 'GET' && url.pathname === '/demo/order')
      return json(200, {
        description: order.request.description,
        amountFen: order.request.amount.total,
        state: order.state,
        timeExpire: order.request.time_expire,
      });
    if (method === 'POST' && url.pathname === '/demo/pay') {
      const signedByMerchant = createVerify('RSA-SHA256')
        .update(
          `${order.request.appid}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`,
        )
        .verify(merchantPublic, String(params.paySign ?? ''), 'base64');
      if (!signedByMerchant) return json(401, { code: 'SIGN_ERROR', message: '支付签名错误' });
      if (order.state !== 'NOTPAY')
        return json(409, { code: 'ORDERPAID', message: '订单已支付或已关闭' });
      if (now().getTime() > parseExpire(order.request.time_expire))
        return json(409, { code: 'ORDER_CLOSED', message: '订单已过支付时限' });
      await fake.pay(no);
      return json(200, { state: 'SUCCESS' });
    }
    return json(404, { code: 'NOT_FOUND', message: 'no such page' });
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = req.method ?? 'GET';
      if (url.pathname.startsWith('/demo/')) {
        // the sheet runs in the app's page, another origin
        const cors = {
          'Access-Control-Allow-Origin': '*',
          'Access-Control-Allow-Headers': 'content-type',
        };
        if (method === 'OPTIONS') return void res.writeHead(204, cors).end();
        payerRoute(method, url, raw).then(
          (a) => res.writeHead(a.status, { ...cors, 'Content-Type': a.type }).end(a.text),
          (err: unknown) => res.writeHead(500, cors).end(String(err)),
        );
        return;
      }
      const signed = verified(method, req.url ?? '/', raw, req.headers.authorization);
      const body = raw ? JSON.parse(raw) : null;
      requests.push({ method, path: req.url ?? '/', signed, body });
      let a: Answer;
      if (failures.length > 0) a = error(failures.shift()!, 'SYSTEM_ERROR', '系统繁忙');
      else if (!signed) a = error(401, 'SIGN_ERROR', '签名错误');
      else a = route(method, url, body);
      const text = a.body === undefined ? '' : JSON.stringify(a.body);
      res.writeHead(a.status, signedHeaders(text)).end(text);
    });
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  /** Sends a callback; one our endpoint does not take with 2xx is sent again on the schedule. */
  const send = async (n: Notification, attempt = 0): Promise<void> => {
    let status = 0;
    try {
      status = await fake.deliver(n);
    } catch {
      // no answer: the API is down or the connection was cut
    }
    deliveries.push(status);
    if (status >= 200 && status < 300) return;
    if (attempt >= retryDelaysMs.length) return;
    const timer = setTimeout(() => {
      retryTimers.delete(timer);
      void send(n, attempt + 1);
    }, retryDelaysMs[attempt]);
    timer.unref();
    retryTimers.add(timer);
  };

  const notification = (eventType: string, resource: object, key = platform.privateKey) => {
    const body = JSON.stringify({
      id: `${++serialNo}-${randomBytes(8).toString('hex')}`,
      create_time: now().toISOString(),
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary: eventType,
      resource: encrypt(apiV3Key, resource),
    });
    return { headers: signedHeaders(body, key), body };
  };

  const fake: FakeWechatPay = {
    baseUrl,
    cashierUrl: `http://${opts.publicHost ?? '127.0.0.1'}:${port}/demo/cashier.js`,
    config: {
      appId: opts.appId ?? 'wx-test-appid',
      mchId,
      serial,
      privateKeyPem: merchant.privateKey,
      apiV3Key,
      platformPublicKeyPem: platform.publicKey,
      platformPublicKeyId: platformId,
      apiBase: baseUrl,
      timeoutMs: 2000,
      notifyUrl: 'http://127.0.0.1:1/api/v1/payments/wechat/notify',
    },
    orders,
    refunds,
    requests,
    deliveries,
    deliver: async (n) => {
      const to =
        n.notifyUrl ?? [...orders.values()][0]?.request.notify_url ?? fake.config.notifyUrl;
      const res = await fetch(to, { method: 'POST', headers: n.headers, body: n.body });
      return res.status;
    },
    async pay(no, o = {}) {
      const order = orders.get(no);
      if (!order) throw new Error(`fake pay: no order ${no}`);
      if (order.state !== 'NOTPAY') throw new Error(`fake pay: order ${no} is ${order.state}`);
      if (now().getTime() > parseExpire(order.request.time_expire))
        throw new Error(`fake pay: order ${no} expired at ${order.request.time_expire}`);
      order.state = 'SUCCESS';
      order.transactionId = `42000${randomBytes(10).toString('hex')}`;
      order.paidFen = o.paidFen ?? order.request.amount.total;
      const n = {
        ...notification('TRANSACTION.SUCCESS', transaction(no, order)),
        notifyUrl: order.request.notify_url,
      };
      if (o.notify !== false) await send(n);
      return n;
    },
    async finishRefund(no, o = {}) {
      const r = refunds.get(no);
      if (!r) throw new Error(`fake refund: no refund ${no}`);
      r.status = o.status ?? 'SUCCESS';
      const n = notification(`REFUND.${r.status}`, {
        mchid: mchId,
        out_trade_no: r.request.out_trade_no,
        transaction_id: orders.get(r.request.out_trade_no)?.transactionId,
        out_refund_no: no,
        refund_id: r.refundId,
        refund_status: r.status,
        amount: {
          total: r.request.amount.total,
          refund: r.request.amount.refund,
          payer_total: r.request.amount.total,
          payer_refund: r.request.amount.refund,
        },
      });
      if (o.notify !== false) await send({ ...n, notifyUrl: r.request.notify_url });
      return n;
    },
    retrying: () => retryTimers.size,
    stopRetries() {
      for (const t of retryTimers) clearTimeout(t);
      retryTimers.clear();
    },
    notification: (eventType, resource) => notification(eventType, resource),
    forged: (eventType, resource) => notification(eventType, resource, stranger.privateKey),
    failNext(n, status = 500) {
      failures = Array.from({ length: n }, () => status);
    },
    close: () => {
      fake.stopRetries();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
