// The part of WeChat's server API the 小程序码 path calls — stable_token and getwxacodeunlimit —
// for the browser tests, which run the real server process and so need a real HTTP peer. It
// records what it was asked, so a test can check the scene and the landing page WeChat was given.
// (The API suite's fake, tests/api/fake-wechat.ts, covers errors and timeouts; this one only
// answers.)
const http = require('node:http');
const zlib = require('node:zlib');

/** A 1×1 white PNG: what WeChat answers is an image; the server only checks its signature. */
function tinyPng() {
  const crc = (buf) => {
    let c = ~0;
    for (const b of buf) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
    }
    return ~c >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.from([0, 255]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function startFakeWechat() {
  const wxacodes = []; // the bodies of getwxacodeunlimit calls
  const png = tinyPng();
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      const url = new URL(req.url, 'http://fake');
      if (url.pathname === '/cgi-bin/stable_token') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ access_token: 'fake-token', expires_in: 7200 }));
      } else if (url.pathname === '/wxa/getwxacodeunlimit') {
        if (url.searchParams.get('access_token') !== 'fake-token') {
          res.end(JSON.stringify({ errcode: 40001, errmsg: 'invalid credential' }));
          return;
        }
        wxacodes.push(JSON.parse(raw));
        res.setHeader('content-type', 'image/png');
        res.end(png);
      } else {
        res.statusCode = 404;
        res.end();
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    wxacodes,
    env: { WECHAT_APPID: 'wx-e2e-fake', WECHAT_SECRET: 'e2e-secret', WECHAT_API_BASE: base },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

module.exports = { startFakeWechat };
