// The built dist/app.json declares every private API that src/ calls (WeChat refuses the calls
// and the review refuses the package otherwise). Needs `npm run build:weapp` first, as `npm test`
// does; without a build the test fails with that reason rather than passing.
import fs from 'node:fs';
import path from 'node:path';
import { missingDeclarations, privateApisIn } from './private-api-rules';

const root = path.resolve(__dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(tsx?|jsx?)$/.test(e.name) ? [p] : [];
  });
}

function builtAppJson() {
  const file = path.join(root, 'dist/app.json');
  if (!fs.existsSync(file))
    throw new Error('dist/app.json is missing: run npm run build:weapp first');
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

describe('private APIs are declared in the built app.json', () => {
  const called = [
    ...new Set(
      sourceFiles(path.join(root, 'src')).flatMap((f) => privateApisIn(fs.readFileSync(f, 'utf8'))),
    ),
  ].sort();

  it('finds the location calls the app makes today', () => {
    // volunteer check-in and the nearby filter read the position; organizers pick a venue on the map
    expect(called).toEqual(expect.arrayContaining(['chooseLocation', 'getLocation']));
  });

  it('dist/app.json has a requiredPrivateInfos entry and a permission for every call', () => {
    expect(missingDeclarations(builtAppJson(), called)).toEqual([]);
  });

  it('every permission desc is a short Chinese sentence (WeChat shows it; at most 30 characters)', () => {
    const permission: Record<string, { desc: string }> = builtAppJson().permission ?? {};
    for (const { desc } of Object.values(permission)) {
      expect(desc.length).toBeLessThanOrEqual(30);
      expect(desc).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('the check itself', () => {
  it('sees calls through Taro and wx, and names imported from @tarojs/taro', () => {
    expect(privateApisIn('const a = await Taro.getLocation({ type: "gcj02" })')).toEqual([
      'getLocation',
    ]);
    expect(privateApisIn('wx.choosePoi({})')).toEqual(['choosePoi']);
    expect(
      privateApisIn("import { useLoad, startLocationUpdate as go } from '@tarojs/taro'"),
    ).toEqual(['startLocationUpdate']);
    expect(privateApisIn('Taro.openLocation({}); Taro.getLocationSettings')).toEqual([]);
  });

  it('reports a call whose declaration is missing', () => {
    expect(missingDeclarations({}, ['getLocation'])).toEqual([
      'getLocation: requiredPrivateInfos needs "getLocation"',
      'getLocation: permission needs "scope.userLocation" with a desc',
    ]);
    expect(
      missingDeclarations({ requiredPrivateInfos: ['getLocation'] }, [
        'getLocation',
        'chooseLocation',
      ]),
    ).toEqual([
      'getLocation: permission needs "scope.userLocation" with a desc',
      'chooseLocation: requiredPrivateInfos needs "chooseLocation"',
    ]);
    // chooseLocation needs no scope since 2022-06-13: the user picks the place
    expect(
      missingDeclarations({ requiredPrivateInfos: ['chooseLocation'] }, ['chooseLocation']),
    ).toEqual([]);
  });
});
