// A shared course card, opened on a cold start: the REAL weapp build of the course page is the
// first and only page (no home, no list before it), opened with the path the share put on the card
// (`?id=11`). It must read that course from the API and render it, and its share handlers — which
// WeChat calls from the menu — must hand out the same path again.
const { bootWeapp, waitFor } = require('../../weapp-host');

const PAGE = 'features/night-school/pages/course/index';

const TERM = {
  id: '1',
  orgId: '1',
  orgName: '共青团上海市徐汇区委员会',
  name: '2026冬季青年夜校',
  allocation: 'first_come',
  opensAt: '2026-11-20T02:00:00.000Z',
  closesAt: '2099-12-04T14:00:00.000Z',
  maxApplicationsPerPerson: 3,
  maxCoursesPerPerson: 2,
  minAge: 18,
  maxAge: 40,
  confirmHours: 48,
  noShowLimit: 2,
  seedHash: null,
  seed: null,
  drawnAt: null,
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
  startDate: '2099-12-14',
  sessions: 8,
  sessionDates: [],
  capacity: 16,
  taken: 3,
  applicants: 12,
  ratio: 0.75,
};

describe('weapp build: a shared course page opened on a cold start', () => {
  const requests = [];
  let host;
  beforeAll(() => {
    host = bootWeapp({
      route: PAGE,
      wx: {
        request: jest.fn((opts) => {
          requests.push(opts.url);
          const ok = /\/api\/v1\/night-school\/courses\/11$/.test(opts.url);
          Promise.resolve().then(() => {
            const res = {
              statusCode: ok ? 200 : 404,
              data: ok
                ? { course: COURSE, term: TERM }
                : { statusCode: 404, code: 'NOT_FOUND', error: 'Not Found', message: '未找到' },
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

  it('renders the course named by the id in the path, and shares that path again', async () => {
    const page = host.open(PAGE, { id: '11' });
    expect(host.openPages()).toHaveLength(1); // nothing under it: a cold start

    await waitFor(
      () => expect(page.dom.textContent).toContain('陶艺入门：手捏与拉坯'),
      'the course',
    );
    expect(page.dom.textContent).toContain('报名 12 / 名额 16');
    expect(requests.filter((u) => /\/night-school\/courses\/11$/.test(u))).toHaveLength(1);

    // WeChat offers 转发 and 分享到朋友圈 only when the page defines these handlers
    const instance = host.openPages()[0];
    expect(instance.onShareAppMessage({ from: 'menu' })).toEqual({
      title: '陶艺入门：手捏与拉坯',
      path: '/features/night-school/pages/course/index?id=11',
    });
    expect(instance.onShareTimeline()).toEqual({
      title: '陶艺入门：手捏与拉坯',
      query: 'id=11',
    });
    page.detach();
  });
});
