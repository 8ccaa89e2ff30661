// Smoke test of the REAL WeChat output of the 青年夜校 course list (subpackage
// features/night-school), as `taro build --type weapp` wrote it, in miniprogram-simulate. The boot
// code is the one of tests/mp/pages/home.test.js (the lead may factor it out); this page also calls
// wx.request, answered here with a two-course catalog. A tap on a course opens its detail page.
//
// miniprogram-simulate only knows custom components, so this file provides the pieces of the
// mini-program host that Taro's app.js / page.js call: App(), getApp(), getCurrentPages(),
// Page() (mapped onto Component lifetimes), and the wx APIs the page uses.
const { answer, bootWeapp, waitFor } = require('../../weapp-host');

const HOME = 'features/night-school/pages/index/index';

const TERM = {
  id: '1',
  orgId: '1',
  orgName: '共青团上海市徐汇区委员会',
  name: '2026冬季青年夜校',
  allocation: 'lottery',
  opensAt: '2026-11-20T02:00:00.000Z',
  closesAt: '2026-12-04T14:00:00.000Z',
  maxApplicationsPerPerson: 3,
  maxCoursesPerPerson: 2,
  minAge: 18,
  maxAge: 40,
  confirmHours: 48,
  noShowLimit: 2,
  seedHash: 'ab'.repeat(32),
  seed: null,
  drawnAt: null,
  drawAt: '2026-12-05T02:00:00.000Z',
  publicValue: null,
  publicValueSource: null,
  phase: 'open',
};
const COURSE = {
  id: '11',
  termId: '1',
  title: '陶艺入门：手捏与拉坯',
  category: '手工',
  teacher: '沈静怡',
  description: '做一套杯碟',
  venueName: '“半马苏河”青年服务阵地旗舰店',
  venueAddress: '上海市普陀区光复西路2899号',
  district: '普陀区',
  lat: 31.2262,
  lng: 121.4012,
  weekday: 2,
  startTime: '19:30',
  endTime: '21:00',
  startDate: '2026-12-14',
  sessions: 8,
  sessionDates: [],
  capacity: 16,
  taken: 0,
  applicants: 96,
  ratio: 6,
};
const CATALOG = {
  term: TERM,
  items: [
    COURSE,
    {
      ...COURSE,
      id: '12',
      title: '咖啡拉花与手冲',
      category: '生活',
      applicants: 3,
      capacity: 12,
      ratio: 0.3,
    },
  ],
};

describe('weapp build: features/night-school/pages/index (course list)', () => {
  let host;
  beforeAll(() => {
    host = bootWeapp({
      route: HOME,
      wx: {
        request: jest.fn((opts) => {
          const res = { statusCode: 200, data: CATALOG, header: {}, errMsg: 'request:ok' };
          return answer(opts, res);
        }),
        showToast: jest.fn(),
      },
    });
  });
  afterAll(() => host?.close());

  it('renders the catalog from the API with the 报名/名额 ratio, then opens a course on tap', async () => {
    const page = host.open(HOME);

    const text = () => page.dom.textContent;
    await waitFor(() => {
      expect(text()).toContain('陶艺入门：手捏与拉坯');
      expect(text()).toContain('咖啡拉花与手冲');
    }, 'React to render the courses');
    expect(global.wx.request).toHaveBeenCalledWith(
      expect.objectContaining({ url: expect.stringContaining('/api/v1/night-school/courses') }),
    );
    expect(text()).toContain('2026冬季青年夜校');
    expect(text()).toContain('报名 96 / 名额 16');
    expect(text()).toContain('周二 19:30–21:00');

    const cards = page.querySelectorAll('.ns-course');
    expect(cards).toHaveLength(2);
    cards[0].dispatchEvent('tap');
    await waitFor(
      () => expect(host.nav).toHaveBeenCalledTimes(1),
      'the tap to reach wx.navigateTo',
    );
    expect(host.nav.mock.calls[0][0]).toEqual(
      expect.objectContaining({ url: '/features/night-school/pages/course/index?id=11' }),
    );

    page.detach();
    expect(host.openPages()).toHaveLength(0);
  });
});
