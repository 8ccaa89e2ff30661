// The release guard of `npm run build:weapp`: with NODE_ENV=production it refuses to start
// without an https API_BASE and a real WECHAT_APPID; dev and test builds need no environment.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { isReleaseBuild, releaseEnvProblems, wechatDomains } from '../../../config/release-env';

const GOOD = { API_BASE: 'https://api.youth-hub.example.cn', WECHAT_APPID: 'wx0123456789abcdef' };

describe('releaseEnvProblems', () => {
  it('accepts an https origin and an AppID', () => {
    expect(releaseEnvProblems(GOOD)).toEqual([]);
  });

  it('refuses a release without API_BASE or WECHAT_APPID', () => {
    expect(releaseEnvProblems({})).toEqual([
      expect.stringContaining('API_BASE is not set'),
      expect.stringContaining('WECHAT_APPID is not set'),
    ]);
  });

  it.each([
    ['http://api.youth-hub.example.cn', 'must use https'],
    ['https://127.0.0.1:3000', 'not localhost or an IP address'],
    ['https://localhost', 'not localhost or an IP address'],
    ['https://api.youth-hub.example.cn/', 'origin only'],
    ['https://api.youth-hub.example.cn/api/v1', 'origin only'],
    ['api.youth-hub.example.cn', 'not a URL'],
  ])('refuses API_BASE %s', (API_BASE, reason) => {
    expect(releaseEnvProblems({ ...GOOD, API_BASE })).toEqual([expect.stringContaining(reason)]);
  });

  it.each(['touristappid', 'wx123', 'WX0123456789ABCDEF'])('refuses WECHAT_APPID %s', (id) => {
    expect(releaseEnvProblems({ ...GOOD, WECHAT_APPID: id })).toEqual([
      expect.stringContaining('does not look like an AppID'),
    ]);
  });

  it('only a build the deployer marks NODE_ENV=production is a release', () => {
    expect(isReleaseBuild({ NODE_ENV: 'production' })).toBe(true);
    expect(isReleaseBuild({})).toBe(false);
    expect(isReleaseBuild({ NODE_ENV: 'development' })).toBe(false);
  });
});

describe('wechatDomains', () => {
  it("lists the API's origin for requests, uploads and downloads", () => {
    expect(wechatDomains('https://api.youth-hub.example.cn')).toEqual({
      request: 'https://api.youth-hub.example.cn',
      uploadFile: 'https://api.youth-hub.example.cn',
      downloadFile: 'https://api.youth-hub.example.cn',
    });
    expect(wechatDomains('https://api.youth-hub.example.cn:8443').request).toBe(
      'https://api.youth-hub.example.cn:8443',
    );
  });
});

describe('scripts/check-release-env.ts (run by npm run build:weapp before taro)', () => {
  const root = path.resolve(__dirname, '../../..');
  const run = (env: Record<string, string>) => {
    try {
      const out = execFileSync(
        path.join(root, 'node_modules/.bin/tsx'),
        ['scripts/check-release-env.ts'],
        {
          cwd: root,
          // the runner's own settings blanked: only what the case gives counts
          env: { ...process.env, NODE_ENV: '', API_BASE: '', WECHAT_APPID: '', ...env },
          stdio: 'pipe',
        },
      );
      return { code: 0, stderr: '', stdout: String(out) };
    } catch (e) {
      const err = e as { status: number; stderr: Buffer };
      return { code: err.status, stderr: err.stderr.toString(), stdout: '' };
    }
  };

  it('stops a production build without the release settings, naming what is missing', () => {
    const r = run({ NODE_ENV: 'production' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('API_BASE is not set');
    expect(r.stderr).toContain('WECHAT_APPID is not set');
  });

  it('lets a production build with them, and a dev/test build with nothing, go on', () => {
    const release = run({ NODE_ENV: 'production', ...GOOD });
    expect(release.code).toBe(0);
    expect(release.stdout).toContain('request合法域名: https://api.youth-hub.example.cn');
    expect(run({}).code).toBe(0);
  });
});
