// Smoke test of the REAL WeChat output of the 青年驿站 landing page (a subpackage page) as
// `taro build --type weapp` wrote it, run by miniprogram-simulate with Taro's runtime and React
// inside: the page boots, asks the API for the stations through wx.request, renders them with
// tonight's free beds, and a tap on a station reaches wx.navigateTo with its id.
//
// miniprogram-simulate only knows custom components, so this file provides the pieces of the
// mini-program host that Taro's app.js / page.js call: App(), getApp(), getCurrentPages(),
// Page() (mapped onto Component lifetimes), and the wx APIs the page uses.
const { bootWeapp, waitFor } = require('../../weapp-host');

const HOME = 'features/station/pages/index/index';

const STATIONS = {
  items: [
    {
      id: '3',
      name: '青年人才驿站·漕河泾合作酒店',
      district: '徐汇区',
      address: '上海市徐汇区宜山路889号',
      summary: null,
      partner: 'hotel',
      photos: [],
      rules: [],
      contact: null,
      mapUrl: null,
      totalBeds: 120,
      freeThisWeek: [37, 40, 52, 80, 80, 80, 80],
      roomTypes: [{ id: '1', code: 'twin', name: '标准双床房', gender: 'any', beds: 80 }],
    },
    {
      id: '4',
      name: '青年人才驿站·半马苏河合作公寓',
      district: '普陀区',
      address: '上海市普陀区长风街道云岭东路89号',
      summary: null,
      partner: 'apartment',
      photos: [],
      rules: [],
      contact: null,
      mapUrl: null,
      totalBeds: 114,
      freeThisWeek: [0, 3, 114, 114, 114, 114, 114],
      roomTypes: [{ id: '4', code: 'twin', name: '标准双床房', gender: 'any', beds: 60 }],
    },
  ],
};
const requests = [];

describe('weapp build: features/station/pages/index (青年驿站)', () => {
  let host;
  beforeAll(() => {
    host = bootWeapp({
      route: HOME,
      wx: {
        // The API, as WeChat's wx.request delivers it.
        request: jest.fn((opts) => {
          requests.push(opts.url);
          const ok = /\/api\/v1\/stations$/.test(opts.url);
          Promise.resolve().then(() => {
            const res = {
              statusCode: ok ? 200 : 404,
              data: ok
                ? STATIONS
                : {
                    statusCode: 404,
                    code: 'NOT_FOUND',
                    error: 'Not Found',
                    message: '请求的内容不存在',
                  },
              header: {},
              errMsg: 'request:ok',
            };
            opts.success?.(res);
            opts.complete?.(res);
          });
          return { abort() {} };
        }),
      },
    });
  });
  afterAll(() => host?.close());

  it("renders the stations from the API with tonight's free beds, then opens one on tap", async () => {
    const page = host.open(HOME);

    const text = () => page.dom.textContent;
    await waitFor(
      () => expect(text()).toContain('青年人才驿站·半马苏河合作公寓'),
      'the station list to render',
    );
    expect(requests.some((u) => u.endsWith('/api/v1/stations'))).toBe(true);
    expect(text()).toContain('青年驿站');
    expect(text()).toContain('今晚空床 37');
    expect(text()).toContain('今晚空床 0');
    expect(text()).toContain('共114张床位');

    const names = page.querySelectorAll('.station-home__name').map((n) => n.dom.textContent);
    expect(names).toEqual(['青年人才驿站·漕河泾合作酒店', '青年人才驿站·半马苏河合作公寓']);
    const card = page
      .querySelectorAll('.station-home__station')
      .find((c) => c.dom.textContent.includes('半马苏河'));
    card.dispatchEvent('tap');
    await waitFor(
      () => expect(host.nav).toHaveBeenCalledTimes(1),
      'the tap to reach wx.navigateTo',
    );
    expect(host.nav.mock.calls[0][0]).toEqual(
      expect.objectContaining({ url: '/features/station/pages/detail/index?id=4' }),
    );

    page.detach();
    expect(host.openPages()).toHaveLength(0);
  });
});
