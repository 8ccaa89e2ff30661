// What a release build of the weapp must be given. A package pointed at http://127.0.0.1 or
// carrying the placeholder `touristappid` builds fine and fails only on the phones, so the release
// build stops here instead (docs/wechat.md lists what to set).

/** WeChat AppIDs are `wx` and 16 hex digits. */
const APPID = /^wx[0-9a-f]{16}$/;

/** The reasons a release build cannot start with this environment; empty when it can. */
export function releaseEnvProblems(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const base = env.API_BASE?.trim();
  if (!base) {
    problems.push('API_BASE is not set: the https origin of the API, e.g. https://api.example.cn');
  } else {
    let url: URL | null = null;
    try {
      url = new URL(base);
    } catch {
      problems.push(`API_BASE is not a URL: ${base}`);
    }
    if (url) {
      // WeChat only calls https domains entered as 合法域名: no http, no IP address, no localhost
      if (url.protocol !== 'https:') problems.push(`API_BASE must use https: ${base}`);
      if (url.hostname === 'localhost' || /^[\d.]+$|:/.test(url.hostname))
        problems.push(`API_BASE must be a domain name, not localhost or an IP address: ${base}`);
      // the app appends /api/v1/…; a path or trailing slash would double or break it
      if (url.pathname !== '/' || base.endsWith('/') || url.search || url.hash)
        problems.push(`API_BASE must be an origin only, without a path or trailing slash: ${base}`);
    }
  }
  const appid = env.WECHAT_APPID?.trim();
  if (!appid) problems.push('WECHAT_APPID is not set: the AppID from the WeChat console (wx…)');
  else if (!APPID.test(appid))
    problems.push(`WECHAT_APPID does not look like an AppID (wx + 16 hex digits): ${appid}`);
  return problems;
}

/** A release build is one the deployer asks for with NODE_ENV=production. */
export function isReleaseBuild(env: Record<string, string | undefined>): boolean {
  return env.NODE_ENV === 'production';
}

/**
 * The 服务器域名 (合法域名) the WeChat console needs for this API_BASE: every call the app makes
 * — requests, proof uploads, file downloads — goes to the API's own origin.
 */
export function wechatDomains(
  apiBase: string,
): Record<'request' | 'uploadFile' | 'downloadFile', string> {
  const { origin } = new URL(apiBase);
  return { request: origin, uploadFile: origin, downloadFile: origin };
}
