// Runs before `taro build --type weapp` (package.json). Taro itself turns any build without
// --watch into NODE_ENV=production, so only the environment the deployer gave this script tells a
// release (NODE_ENV=production, docs/wechat.md) from the dev and test builds of `npm start` and
// `npm test`, which must keep working with no environment at all.
import { isReleaseBuild, releaseEnvProblems } from '../config/release-env';

if (isReleaseBuild(process.env)) {
  const problems = releaseEnvProblems(process.env);
  if (problems.length) {
    console.error('Release build refused (NODE_ENV=production):');
    for (const p of problems) console.error(`  - ${p}`);
    console.error('See docs/wechat.md.');
    process.exit(1);
  }
}
