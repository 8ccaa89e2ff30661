// Runs before `taro build --type weapp` (package.json). Taro itself turns any build without
// --watch into NODE_ENV=production, so only the environment the deployer gave this script tells a
// release (NODE_ENV=production, docs/wechat.md) from the dev and test builds of `npm start` and
// `npm test`, which must keep working with no environment at all.
import { isReleaseBuild, releaseEnvProblems, wechatDomains } from '../config/release-env';

if (isReleaseBuild(process.env)) {
  const problems = releaseEnvProblems(process.env);
  if (problems.length) {
    console.error('Release build refused (NODE_ENV=production):');
    for (const p of problems) console.error(`  - ${p}`);
    console.error('See docs/wechat.md.');
    process.exit(1);
  }
  // what the console must list, printed with every release so a new domain is never missed
  const domains = wechatDomains(process.env.API_BASE!.trim());
  console.log(`WeChat 服务器域名 for this build (docs/wechat.md):`);
  for (const [kind, origin] of Object.entries(domains)) console.log(`  ${kind}合法域名: ${origin}`);
}
