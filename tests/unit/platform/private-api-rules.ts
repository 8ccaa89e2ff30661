// WeChat's rules for its private (location) APIs, as its app.json reference and the 2022 notices
// put them:
// - since 2022-07-14 each of these eight must be listed in app.json `requiredPrivateInfos`, or the
//   call fails ("the api need to be declared in the requiredPrivateInfos field");
// - the ones behind a user authorization need their scope in app.json `permission` with a `desc`
//   (only scope.userLocation, scope.userFuzzyLocation and scope.userLocationBackground are
//   declared there); since 2022-06-13 chooseLocation and choosePoi no longer ask for
//   scope.userLocation, the user picks the place themselves.
export interface Declaration {
  requiredPrivateInfo: string;
  scope?: 'scope.userLocation' | 'scope.userFuzzyLocation' | 'scope.userLocationBackground';
}

export const PRIVATE_APIS: Record<string, Declaration> = {
  getLocation: { requiredPrivateInfo: 'getLocation', scope: 'scope.userLocation' },
  startLocationUpdate: { requiredPrivateInfo: 'startLocationUpdate', scope: 'scope.userLocation' },
  startLocationUpdateBackground: {
    requiredPrivateInfo: 'startLocationUpdateBackground',
    scope: 'scope.userLocationBackground',
  },
  onLocationChange: { requiredPrivateInfo: 'onLocationChange' },
  getFuzzyLocation: { requiredPrivateInfo: 'getFuzzyLocation', scope: 'scope.userFuzzyLocation' },
  chooseLocation: { requiredPrivateInfo: 'chooseLocation' },
  choosePoi: { requiredPrivateInfo: 'choosePoi' },
  chooseAddress: { requiredPrivateInfo: 'chooseAddress' },
};

/** The private APIs a source file uses: `Taro.x(`/`wx.x(` calls and names imported from Taro. */
export function privateApisIn(source: string): string[] {
  const names = Object.keys(PRIVATE_APIS).join('|');
  const found = new Set<string>();
  for (const m of source.matchAll(new RegExp(`\\b(?:Taro|wx)\\s*\\.\\s*(${names})\\b`, 'g')))
    found.add(m[1]);
  for (const m of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*['"]@tarojs\/taro['"]/g))
    for (const part of m[1].split(',')) {
      const name = part.trim().split(/\s+as\s+/)[0];
      if (name in PRIVATE_APIS) found.add(name);
    }
  return [...found].sort();
}

interface AppJson {
  requiredPrivateInfos?: string[];
  permission?: Record<string, { desc?: string }>;
}

/** What app.json lacks for the APIs called: one line per missing declaration. */
export function missingDeclarations(app: AppJson, calledApis: string[]): string[] {
  const missing: string[] = [];
  for (const api of calledApis) {
    const rule = PRIVATE_APIS[api];
    if (!app.requiredPrivateInfos?.includes(rule.requiredPrivateInfo))
      missing.push(`${api}: requiredPrivateInfos needs "${rule.requiredPrivateInfo}"`);
    if (rule.scope && !app.permission?.[rule.scope]?.desc)
      missing.push(`${api}: permission needs "${rule.scope}" with a desc`);
  }
  return missing;
}
