// The weapp pays only with WeChat's own sheet: the browser's way (the demo fake's 模拟支付 sheet,
// src/lib/request-payment.ts) is chosen on the build-time TARO_ENV and must be gone from the
// built mini-program, not merely unreachable.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

describe('the built weapp (dist/)', () => {
  it('carries no trace of the browser payment sheet', () => {
    const dist = path.join(root, 'dist');
    if (!fs.existsSync(path.join(dist, 'app.json')))
      throw new Error('dist/app.json is missing: run npm run build:weapp first');
    const js = filesUnder(dist).filter((f) => f.endsWith('.js'));
    const found = js.filter((f) =>
      /youthHubDemoPay|demoCashierUrl/.test(fs.readFileSync(f, 'utf8')),
    );
    expect(found).toEqual([]);
    // and the mini-program's own way is there
    expect(js.some((f) => fs.readFileSync(f, 'utf8').includes('requestPayment'))).toBe(true);
  });
});
