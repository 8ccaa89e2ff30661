// A local stand-in for api.weixin.qq.com: a real HTTP server on 127.0.0.1:0 whose answer per
// js_code the test decides. It records every request so tests can check what we sent.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeAnswer = { status?: number; body?: unknown; hang?: boolean };

export interface FakeWechat {
  baseUrl: string;
  requests: URL[];
  answer(code: string, a: FakeAnswer): void;
  close(): Promise<void>;
}

export async function startFakeWechat(): Promise<FakeWechat> {
  const answers = new Map<string, FakeAnswer>();
  const requests: URL[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
    if (url.pathname !== '/sns/jscode2session') {
      res.writeHead(404).end();
      return;
    }
    const a = answers.get(url.searchParams.get('js_code') ?? '') ?? { body: { errcode: 40029, errmsg: 'invalid code' } };
    if (a.hang) {
      hanging.add(res);
      return;
    }
    // WeChat really does send JSON as text/plain.
    res.writeHead(a.status ?? 200, { 'content-type': 'text/plain' }).end(JSON.stringify(a.body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    answer: (code, a) => answers.set(code, a),
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
