// A local stand-in for api.weixin.qq.com: a real HTTP server on 127.0.0.1:0 whose answers the test
// decides, failing on purpose where the test wants. It records every request (URL and JSON body)
// so tests can check what we sent.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

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
  /** /cgi-bin/token answers, a queue: each used once in order, the last one repeats. */
  tokenAnswers: FakeAnswer[];
  /** /cgi-bin/message/subscribe/send answers, a queue like tokenAnswers. */
  sendAnswers: FakeAnswer[];
  /** getuserphonenumber: the answers for one getPhoneNumber code, a queue (unknown codes: 40029). */
  phoneAnswer(code: string, ...answers: FakeAnswer[]): void;
  close(): Promise<void>;
}

const OK_TOKEN: FakeAnswer = { body: { access_token: 'TOKEN-1', expires_in: 7200 } };
const OK_SEND: FakeAnswer = { body: { errcode: 0, errmsg: 'ok' } };

export async function startFakeWechat(): Promise<FakeWechat> {
  const answers = new Map<string, FakeAnswer>();
  const phoneAnswers = new Map<string, FakeAnswer[]>();
  const requests: URL[] = [];
  const recorded: RecordedRequest[] = [];
  const hanging = new Set<http.ServerResponse>();
  const fake = { tokenAnswers: [OK_TOKEN], sendAnswers: [OK_SEND] };
  // a queue whose last answer repeats
  const next = (list: FakeAnswer[]) => (list.length > 1 ? list.shift()! : list[0]);

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      requests.push(url);
      const raw = Buffer.concat(chunks).toString('utf8');
      recorded.push({ url, body: raw ? JSON.parse(raw) : null });
      let a: FakeAnswer;
      if (url.pathname === '/sns/jscode2session') {
        a = answers.get(url.searchParams.get('js_code') ?? '') ?? {
          body: { errcode: 40029, errmsg: 'invalid code' },
        };
      } else if (url.pathname === '/cgi-bin/token') {
        a = next(fake.tokenAnswers);
      } else if (url.pathname === '/cgi-bin/message/subscribe/send') {
        a = next(fake.sendAnswers);
      } else if (url.pathname === '/wxa/business/getuserphonenumber') {
        const queue = phoneAnswers.get(raw ? String(JSON.parse(raw).code) : '');
        a = queue ? next(queue) : { body: { errcode: 40029, errmsg: 'invalid code' } };
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
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    recorded,
    answer: (code: string, a: FakeAnswer) => void answers.set(code, a),
    phoneAnswer: (code: string, ...list: FakeAnswer[]) => void phoneAnswers.set(code, list),
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
