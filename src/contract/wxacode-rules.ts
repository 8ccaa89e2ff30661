// The client's 小程序码 rule, TypeBox-free: the main package imports it (the landing page and the
// in-app scanners), and TypeBox must stay out of the weapp's main package.

/** The scene of a 小程序码's path as wx.scanCode reports it ('pages/landing/index?scene=…'), or null. */
export function sceneFromPath(path: string | undefined): string | null {
  const query = path?.split('?')[1];
  if (!query) return null;
  for (const pair of query.split('&')) {
    const [k, v] = pair.split('=');
    if (k === 'scene' && v) return decodeURIComponent(v);
  }
  return null;
}
