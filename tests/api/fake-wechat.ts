// A local stand-in for api.weixin.qq.com: a real HTTP server on 127.0.0.1:0 whose answers the test
// decides, failing on purpose where the test wants. It records every request (URL and JSON body)
// so tests can check what we sent.
//
// Access tokens behave as WeChat's do: /cgi-bin/stable_token (force_refresh false) answers the
// current token to every caller while it is valid; /cgi-bin/token and a forced refresh mint a new
// one and revoke the old, and an API call with a revoked token answers 40001.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import QRCode from 'qrcode';

export type FakeAnswer = { status?: number; body?: unknown; hang?: boolean };

export interface RecordedRequest {
  url: URL;
  body: any;
}

export interface FakeWechat {
  baseUrl: string;
  requests: URL[];
  /** Requests with their JSON bodies (POSTs), in order. */
  recorded: RecordedRequest[];
  /** code2session: the answer for one js_code. */
  answer(code: string, a: FakeAnswer): void;
  /** The token API calls must carry now. */
  readonly currentToken: string;
  /** Another party forces a new token (as /cgi-bin/token or force_refresh would): the old one is revoked. */
  revokeToken(): string;
  /** One-shot answers for the token endpoints, used before the normal behaviour (e.g. an outage). */
  tokenAnswers: FakeAnswer[];
  /** /cgi-bin/message/subscribe/send answers, a queue: each used once in order, the last one repeats. */
  sendAnswers: FakeAnswer[];
  /** /wxa/getwxacodeunlimit: one-shot errors before the normal PNG answer. */
  wxacodeAnswers: FakeAnswer[];
  /** getuserphonenumber: the answers for one getPhoneNumber code, a queue (unknown codes: 40029). */
  phoneAnswer(code: string, ...answers: FakeAnswer[]): void;
  close(): Promise<void>;
}

const TOKEN_LIFE_SEC = 7200;
const OK_SEND: FakeAnswer = { body: { errcode: 0, errmsg: 'ok' } };
const STALE: FakeAnswer = { body: { errcode: 40001, errmsg: 'invalid credential' } };

export async function startFakeWechat(): Promise<FakeWechat> {
  const answers = new Map<string, FakeAnswer>();
  const phoneAnswers = new Map<string, FakeAnswer[]>();
  const requests: URL[] = [];
  const recorded: RecordedRequest[] = [];
  const hanging = new Set<http.ServerResponse>();
  let minted = 0;
  let token = { value: '', expiresAt: 0 };
  const mint = () => {
    token = { value: `TOKEN-${++minted}`, expiresAt: Date.now() + TOKEN_LIFE_SEC * 1000 };
    return token.value;
  };
  const fake = {
    tokenAnswers: [] as FakeAnswer[],
    sendAnswers: [OK_SEND],
    wxacodeAnswers: [] as FakeAnswer[],
  };
  // a queue whose last answer repeats
  const next = (list: FakeAnswer[]) => (list.length > 1 ? list.shift()! : list[0]);
  const tokenBody = () => ({
    access_token: token.value,
    expires_in: Math.floor((token.expiresAt - Date.now()) / 1000),
  });
  const tokenValid = (url: URL) =>
    token.value !== '' &&
    url.searchParams.get('access_token') === token.value &&
    token.expiresAt > Date.now();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        requests.push(url);
        const raw = Buffer.concat(chunks).toString('utf8');
        const body = raw ? JSON.parse(raw) : null;
        recorded.push({ url, body });
        let a: FakeAnswer;
        if (url.pathname === '/sns/jscode2session') {
          a = answers.get(url.searchParams.get('js_code') ?? '') ?? {
            body: { errcode: 40029, errmsg: 'invalid code' },
          };
        } else if (url.pathname === '/cgi-bin/stable_token') {
          if (fake.tokenAnswers.length > 0) a = fake.tokenAnswers.shift()!;
          else {
            if (body?.force_refresh === true || token.expiresAt <= Date.now()) mint();
            a = { body: tokenBody() };
          }
        } else if (url.pathname === '/cgi-bin/token') {
          if (fake.tokenAnswers.length > 0) a = fake.tokenAnswers.shift()!;
          else {
            mint();
            a = { body: tokenBody() };
          }
        } else if (url.pathname === '/cgi-bin/message/subscribe/send') {
          a = tokenValid(url) ? next(fake.sendAnswers) : STALE;
        } else if (url.pathname === '/wxa/business/getuserphonenumber') {
          const queue = phoneAnswers.get(String(body?.code ?? ''));
          a = !tokenValid(url)
            ? STALE
            : queue
              ? next(queue)
              : { body: { errcode: 40029, errmsg: 'invalid code' } };
        } else if (url.pathname === '/wxa/getwxacodeunlimit') {
          if (!tokenValid(url)) a = STALE;
          else if (fake.wxacodeAnswers.length > 0) a = fake.wxacodeAnswers.shift()!;
          else {
            // a real PNG, so a test can check the bytes we serve are an image
            const png = await QRCode.toBuffer(`wxacode:${body?.page}?scene=${body?.scene}`);
            res.writeHead(200, { 'content-type': 'image/png' }).end(png);
            return;
          }
        } else {
          res.writeHead(404).end();
          return;
        }
        if (a.hang) {
          hanging.add(res);
          return;
        }
        // WeChat really does send JSON as text/plain.
        res
          .writeHead(a.status ?? 200, { 'content-type': 'text/plain' })
          .end(JSON.stringify(a.body ?? {}));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // defineProperties, not Object.assign: assign would copy the getter's value once
  return Object.defineProperties(
    fake,
    Object.getOwnPropertyDescriptors({
      baseUrl: `http://127.0.0.1:${port}`,
      requests,
      recorded,
      get currentToken() {
        return token.value;
      },
      revokeToken: mint,
      answer: (code: string, a: FakeAnswer) => void answers.set(code, a),
      phoneAnswer: (code: string, ...list: FakeAnswer[]) => void phoneAnswers.set(code, list),
      close: async () => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      },
    }),
  ) as unknown as FakeWechat;
}
