// WeChat Pay APIv3 client for JSAPI (mini-program) payments: create an order, query it by our
// out_trade_no, close it, refund it and query a refund. Every request carries our signature; every
// answer's platform signature is checked before its body is believed. Global fetch with a timeout:
// a hung WeChat must not hang our requests.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import type { WechatPayConfig } from '../config';
import {
  authorization,
  requestPaymentParams,
  type Merchant,
  type RequestPaymentParams,
} from './sign';
import { decryptResource, verifySignature, type EncryptedResource, type Platform } from './verify';

/** A failed call: `code` is WeChat's error code (ORDERPAID, ORDER_NOT_EXIST, …) or HTTP_nnn / NETWORK. */
export class WechatPayError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus: number | null,
  ) {
    super(message);
    this.name = 'WechatPayError';
  }
}

/** The fields of a transaction we read (query answer and decrypted TRANSACTION notify). */
export interface Transaction {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id?: string;
  /** SUCCESS, REFUND, NOTPAY, CLOSED, REVOKED, USERPAYING, PAYERROR */
  trade_state: string;
  success_time?: string;
  amount?: { total?: number; payer_total?: number; currency?: string };
}

/** The fields of a refund we read (refund answers and decrypted REFUND notify). */
export interface Refund {
  out_trade_no: string;
  out_refund_no: string;
  refund_id?: string;
  /** SUCCESS, CLOSED, PROCESSING, ABNORMAL (the notify calls it refund_status) */
  status?: string;
  refund_status?: string;
  amount?: { refund?: number; total?: number };
}

export interface NewOrder {
  outTradeNo: string;
  description: string;
  amountFen: number;
  openid: string;
  /** WeChat refuses to take the money after this: the end of the hold. */
  expiresAt: Date;
}

/** RFC 3339 in Beijing time, as time_expire wants it: 2026-03-05T22:00:00+08:00. */
export function beijingRfc3339(d: Date): string {
  return `${new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

export class WechatPayClient {
  private readonly merchant: Merchant;
  private readonly platform: Platform;
  private readonly apiV3Key: Buffer;

  constructor(
    private readonly cfg: WechatPayConfig,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.merchant = {
      mchId: cfg.mchId,
      serial: cfg.serial,
      privateKey: createPrivateKey(cfg.privateKeyPem),
    };
    this.platform = {
      publicKey: createPublicKey(cfg.platformPublicKeyPem),
      publicKeyId: cfg.platformPublicKeyId,
    };
    this.apiV3Key = Buffer.from(cfg.apiV3Key, 'utf8');
  }

  /** One signed request; answers the verified JSON body (null for 204). */
  private async call(
    method: 'GET' | 'POST',
    pathAndQuery: string,
    body?: unknown,
  ): Promise<unknown> {
    const text = body === undefined ? '' : JSON.stringify(body);
    let res: Response;
    try {
      res = await fetch(`${this.cfg.apiBase}${pathAndQuery}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          authorization: authorization(this.merchant, method, pathAndQuery, text, this.now()),
        },
        body: body === undefined ? undefined : text,
        signal: AbortSignal.timeout(this.cfg.timeoutMs),
      });
    } catch (err) {
      throw new WechatPayError('NETWORK', err instanceof Error ? err.message : String(err), null);
    }
    const answer = await res.text();
    if (!res.ok) {
      let code = `HTTP_${res.status}`;
      let message = answer.slice(0, 200);
      try {
        const parsed = JSON.parse(answer) as { code?: string; message?: string };
        code = parsed.code ?? code;
        message = parsed.message ?? message;
      } catch {
        // not JSON: a proxy's page; the status says enough
      }
      throw new WechatPayError(code, message, res.status);
    }
    // an answer that is not WeChat's (a captive portal, a man in the middle) must not settle anything
    verifySignature(this.platform, res.headers, answer, this.now());
    return res.status === 204 || answer === '' ? null : JSON.parse(answer);
  }

  /** JSAPI order; the same out_trade_no with the same fields answers the same prepay_id. */
  async createJsapiOrder(o: NewOrder): Promise<string> {
    const data = (await this.call('POST', '/v3/pay/transactions/jsapi', {
      appid: this.cfg.appId,
      mchid: this.cfg.mchId,
      description: o.description,
      out_trade_no: o.outTradeNo,
      time_expire: beijingRfc3339(o.expiresAt),
      notify_url: this.cfg.notifyUrl,
      amount: { total: o.amountFen, currency: 'CNY' },
      payer: { openid: o.openid },
    })) as { prepay_id?: string };
    if (!data?.prepay_id) throw new WechatPayError('NO_PREPAY_ID', 'no prepay_id', 200);
    return data.prepay_id;
  }

  /** The order as WeChat has it; null when WeChat never saw it. */
  async queryOrder(outTradeNo: string): Promise<Transaction | null> {
    try {
      return (await this.call(
        'GET',
        `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?mchid=${this.cfg.mchId}`,
      )) as Transaction;
    } catch (err) {
      if (err instanceof WechatPayError && err.code === 'ORDER_NOT_EXIST') return null;
      throw err;
    }
  }

  /** Closes an unpaid order: 'closed', or 'paid' when WeChat says it was paid after all. */
  async closeOrder(outTradeNo: string): Promise<'closed' | 'paid'> {
    try {
      await this.call(
        'POST',
        `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`,
        { mchid: this.cfg.mchId },
      );
      return 'closed';
    } catch (err) {
      if (err instanceof WechatPayError && err.code === 'ORDERPAID') return 'paid';
      // never created at WeChat (its create call failed): nothing to close
      if (err instanceof WechatPayError && err.code === 'ORDER_NOT_EXIST') return 'closed';
      throw err;
    }
  }

  /** Asks for a refund; out_refund_no makes a retry the same refund. */
  async refund(r: {
    outTradeNo: string;
    outRefundNo: string;
    refundFen: number;
    totalFen: number;
    reason: string;
  }): Promise<Refund> {
    return (await this.call('POST', '/v3/refund/domestic/refunds', {
      out_trade_no: r.outTradeNo,
      out_refund_no: r.outRefundNo,
      reason: r.reason.slice(0, 80),
      notify_url: this.cfg.notifyUrl,
      amount: { refund: r.refundFen, total: r.totalFen, currency: 'CNY' },
    })) as Refund;
  }

  async queryRefund(outRefundNo: string): Promise<Refund> {
    return (await this.call(
      'GET',
      `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`,
    )) as Refund;
  }

  /** The mini-program's requestPayment parameters for a prepay_id, signed now. */
  requestPayment(prepayId: string): RequestPaymentParams {
    return requestPaymentParams(this.cfg.appId, prepayId, this.merchant.privateKey, this.now());
  }

  /** A notify callback, checked and decrypted; throws WechatPaySignatureError if it is not WeChat's. */
  openNotify(
    headers: Record<string, string | string[] | undefined>,
    rawBody: string,
  ): { eventType: string; resource: unknown } {
    verifySignature(this.platform, headers, rawBody, this.now());
    const body = JSON.parse(rawBody) as { event_type?: string; resource?: EncryptedResource };
    if (!body.event_type || !body.resource)
      throw new WechatPayError('BAD_NOTIFY', 'no resource', null);
    return { eventType: body.event_type, resource: decryptResource(body.resource, this.apiV3Key) };
  }
}
