// The local fake WeChat Pay and its 模拟支付 sheet are for the demo and the tests: the production
// API bundle (scripts/build-api.mjs) reaches them only through a path it cannot follow, and the
// app's sources (every build of the weapp and H5) never contain the sheet.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(__dirname, '../../../..');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

describe('the fake WeChat Pay stays out of what ships', () => {
  it('is not bundled into the production API (main.ts as build:api bundles it)', async () => {
    const out = await build({
      absWorkingDir: root,
      entryPoints: ['server/src/main.ts'],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      packages: 'external',
      tsconfig: 'server/tsconfig.json',
      write: false,
      logLevel: 'silent',
    });
    const text = out.outputFiles.map((f) => f.text).join('\n');
    expect(text).toContain('dev/fake-wechatpay/demo.ts'); // the path it is loaded from in development
    expect(text).not.toContain('youthHubDemoPay');
    expect(text).not.toContain('startFakeWechatPay(opts');
    expect(text).not.toContain('demo-pay-confirm');
  });

  it('is not in the app: the sheet is served by the fake, the app only loads what the server names', () => {
    const app = filesUnder(path.join(root, 'src')).filter((f) => /\.(tsx?|scss)$/.test(f));
    const offenders = app.filter((f) =>
      /demo-pay-confirm|不会真实扣款|youthHubDemoPay\s*=/.test(fs.readFileSync(f, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
