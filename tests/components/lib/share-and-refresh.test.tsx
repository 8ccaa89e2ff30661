// Share and pull-down refresh on the pages showing live seats and beds: the shared path carries
// the item's id (so a cold start from a chat card lands on it), a pull reads the figures again past
// the catalogue cache and always folds the spinner away. Only the platform's HTTP is scripted.
import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { ClassDetail } from '@/contract/childcare';
import type { StationDetail } from '@/contract/station';
import type { Task } from '@/contract/volunteer';
import CoursePage from '@/features/night-school/pages/course/index';
import NightSchoolHome from '@/features/night-school/pages/index/index';
import StationDetailPage from '@/features/station/pages/detail/index';
import StationHome from '@/features/station/pages/index/index';
import ClassPage from '@/features/childcare/pages/class/index';
import ChildcareHome from '@/features/childcare/pages/index/index';
import TaskPage from '@/features/volunteer/pages/task/index';
import VolunteerHome from '@/features/volunteer/pages/index/index';
import { sharePath } from '@/lib/share';
import { pageHandlers } from '../taro-shim';
import { scriptRequests, silenceUi } from '../platform';
import { course, term } from '../features/night-school/fixtures';

const station = (freeTonight: number): StationDetail => ({
  from: '2026-12-02',
  to: '2026-12-09',
  nights: [],
  station: {
    id: '3',
    name: '青年人才驿站·漕河泾合作酒店',
    district: '徐汇区',
    address: '上海市徐汇区宜山路889号',
    summary: null,
    partner: 'hotel',
    photos: [],
    rules: [],
    contact: '021-6485 2210（驿站服务台，9:00–21:00）',
    mapUrl: null,
    latitude: 31.17552,
    longitude: 121.42291,
    totalBeds: 120,
    freeThisWeek: [freeTonight, 40, 40, 40, 40, 40, 40],
    roomTypes: [],
  },
});

const childcareClass = (remaining: number): ClassDetail => ({
  programme: {
    id: '2',
    name: '2027爱心寒托班',
    season: 'winter',
    prefillOpensAt: '2026-11-20T00:00:00.000Z',
    registrationOpensAt: '2026-12-01T00:00:00.000Z',
    registrationClosesAt: '2099-01-20T09:00:00.000Z',
    offerHours: 24,
    notice: null,
    localSchools: null,
  },
  class: {
    id: '31',
    name: '低年级班',
    periodId: '11',
    periodName: '第一期',
    programmeName: '2027爱心寒托班',
    startsOn: '2099-01-25',
    endsOn: '2099-02-05',
    siteId: '5',
    siteName: '2027爱心暑托班·长风新村街道社区中心',
    siteAddress: '上海市普陀区天山路1718号',
    siteLatitude: 31.21764,
    siteLongitude: 121.38853,
    capacity: 35,
    taken: 35 - remaining,
    remaining,
    waiting: 0,
    gradeMin: 1,
    gradeMax: 2,
    feeFen: 40000,
    whatToBring: '水杯',
  },
});

const task = (filled: number): Task => ({
  id: '5',
  orgId: '9',
  orgName: '河小青巡河护河志愿服务队',
  title: '“河小青”苏州河巡河护河',
  category: '环境保护',
  description: '沿苏州河长风段步行巡河',
  skills: [],
  cancelCutoffMin: 120,
  checkinOpenBeforeMin: 30,
  checkoutCloseAfterMin: 120,
  shifts: [
    {
      id: '31',
      projectId: '5',
      startsAt: '2099-12-05T01:00:00.000Z',
      endsAt: '2099-12-05T03:30:00.000Z',
      place: '长风公园4号门',
      lat: 31.2236,
      lng: 121.3935,
      radiusM: 300,
      needed: 12,
      filled,
      distanceM: null,
      requireGps: false,
      skills: [],
      skillMatch: false,
      mySignupId: null,
    },
  ],
});

/** Answers for one page: the first read, then what a pull-down reads (a seat taken meanwhile). */
function api(first: boolean[] = [true]) {
  return scriptRequests((_method, url) => {
    const later = !first[0];
    if (url.endsWith('/api/v1/time'))
      return { statusCode: 200, data: { now: new Date().toISOString() } };
    if (/\/night-school\/courses\/11$/.test(url))
      return { statusCode: 200, data: { course: course({ applicants: later ? 31 : 30 }), term } };
    if (/\/night-school\/courses/.test(url))
      return { statusCode: 200, data: { term, items: [course({ applicants: later ? 31 : 30 })] } };
    if (/\/stations\/3$/.test(url)) return { statusCode: 200, data: station(later ? 36 : 37) };
    if (/\/stations$/.test(url))
      return { statusCode: 200, data: { items: [station(later ? 36 : 37).station] } };
    if (/\/childcare\/classes\/31$/.test(url))
      return { statusCode: 200, data: childcareClass(later ? 4 : 5) };
    if (/\/childcare\/programmes\/2$/.test(url))
      return {
        statusCode: 200,
        data: {
          ...childcareClass(0),
          periods: [
            { id: '11', seq: 1, name: '第一期', startsOn: '2099-01-25', endsOn: '2099-02-05' },
          ],
          classes: [childcareClass(later ? 4 : 5).class],
        },
      };
    if (/\/childcare\/programmes$/.test(url))
      return { statusCode: 200, data: { items: [childcareClass(0).programme] } };
    if (/\/volunteer\/tasks\/5$/.test(url)) return { statusCode: 200, data: task(later ? 12 : 11) };
    if (/\/volunteer\/tasks/.test(url))
      return { statusCode: 200, data: { items: [task(later ? 12 : 11)] } };
    return { statusCode: 200, data: { items: [] } };
  });
}

const openedWith = (id: string) =>
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: { id } } } as never);

const detailPages: [string, () => ReactElement, string, string, string, RegExp][] = [
  [
    'night-school course',
    () => <CoursePage />,
    '11',
    '/features/night-school/pages/course/index?id=11',
    '陶艺入门：手捏与拉坯',
    /报名 30 \/ 名额/,
  ],
  [
    'station',
    () => <StationDetailPage />,
    '3',
    '/features/station/pages/detail/index?id=3',
    '青年人才驿站·漕河泾合作酒店',
    /青年人才驿站·漕河泾合作酒店/,
  ],
  [
    'childcare class',
    () => <ClassPage />,
    '31',
    '/features/childcare/pages/class/index?id=31',
    '长风新村街道社区中心 · 低年级班',
    /剩余 5 人/,
  ],
  [
    'volunteer task',
    () => <TaskPage />,
    '5',
    '/features/volunteer/pages/task/index?id=5',
    '“河小青”苏州河巡河护河',
    /11\s*\/\s*12/,
  ],
];

describe('sharing a detail page', () => {
  it('a signed-out visitor opening a shared class stays on it (no 401 to the login page)', async () => {
    const { navigate } = silenceUi();
    openedWith('31');
    const sent = api();
    render(<ClassPage />);
    await waitFor(() => expect(document.body.textContent).toMatch(/剩余 5 人/));
    expect(sent.some((r) => r.url.includes('/childcare/children'))).toBe(false);
    expect(navigate).not.toHaveBeenCalled();
  });

  it.each(detailPages)(
    'the %s page shares its own path with the id, to a chat and to 朋友圈',
    async (_name, page, id, path, title, loaded) => {
      silenceUi();
      openedWith(id);
      api();
      render(page());
      await waitFor(() => expect(document.body.textContent).toMatch(loaded));
      expect(pageHandlers.shareAppMessage!()).toEqual({ title, path });
      expect(pageHandlers.shareTimeline!()).toEqual({ title, query: `id=${id}` });
    },
  );

  it('escapes an id that is not a plain number', () => {
    expect(sharePath('/features/station/pages/detail/index', '3&x=1')).toBe(
      '/features/station/pages/detail/index?id=3%26x%3D1',
    );
  });
});

describe('pull-down refresh on every page with live seats or beds', () => {
  const pages: [string, () => ReactElement, string | null, RegExp, RegExp, RegExp][] = [
    ['青年夜校 list', () => <NightSchoolHome />, null, /\/night-school\/courses/, /30/, /31/],
    ['course', () => <CoursePage />, '11', /\/courses\/11$/, /报名 30 \//, /报名 31 \//],
    ['青年驿站 list', () => <StationHome />, null, /\/stations$/, /今晚空床 37/, /今晚空床 36/],
    ['station', () => <StationDetailPage />, '3', /\/stations\/3$/, /驿站服务台/, /驿站服务台/],
    ['暑托班 list', () => <ChildcareHome />, null, /\/programmes\/2$/, /余 5 \/ 35/, /余 4 \/ 35/],
    ['class', () => <ClassPage />, '31', /\/classes\/31$/, /剩余 5 人/, /剩余 4 人/],
    [
      '志愿 list',
      () => <VolunteerHome />,
      null,
      /\/volunteer\/tasks/,
      /11\s*\/\s*12/,
      /12\s*\/\s*12/,
    ],
    ['task', () => <TaskPage />, '5', /\/tasks\/5$/, /11\s*\/\s*12/, /12\s*\/\s*12/],
  ];

  it.each(pages)(
    'the %s page reads again past the cache, shows the new figures and folds the spinner',
    async (_name, page, id, read, before, after) => {
      silenceUi();
      if (id) openedWith(id);
      const stop = jest
        .spyOn(Taro, 'stopPullDownRefresh')
        .mockResolvedValue({ errMsg: 'stopPullDownRefresh:ok' } as never);
      const first = [true];
      const sent = api(first);
      render(page());
      await waitFor(() => expect(document.body.textContent).toMatch(before));
      const reads = sent.filter((r) => read.test(r.url)).length;

      first[0] = false;
      act(() => pageHandlers.pullDownRefresh!());
      await waitFor(() => expect(stop).toHaveBeenCalledTimes(1));
      const again = sent.filter((r) => read.test(r.url)).slice(reads);
      expect(again.length).toBeGreaterThan(0);
      expect(again.every((r) => r.header['Cache-Control'] === 'no-cache')).toBe(true);
      expect(document.body.textContent).toMatch(after);
    },
  );

  it('folds the spinner away when the reload fails, keeping the list shown', async () => {
    silenceUi();
    const stop = jest
      .spyOn(Taro, 'stopPullDownRefresh')
      .mockResolvedValue({ errMsg: 'stopPullDownRefresh:ok' } as never);
    let down = false;
    scriptRequests(() =>
      down
        ? { statusCode: 502, data: 'Bad Gateway' }
        : { statusCode: 200, data: { items: [station(37).station] } },
    );
    render(<StationHome />);
    await screen.findByText('今晚空床 37');
    down = true;
    act(() => pageHandlers.pullDownRefresh!());
    await waitFor(() => expect(stop).toHaveBeenCalledTimes(1));
    expect(screen.getByText('今晚空床 37')).toBeTruthy();
  });
});

describe('the station and the class on a map, the station on the phone', () => {
  it('opens the map at the station and dials its number (H5: AMap page, tel: link)', async () => {
    silenceUi();
    openedWith('3');
    api();
    const open = jest.spyOn(window, 'open').mockReturnValue(null);
    const call = jest
      .spyOn(Taro, 'makePhoneCall')
      .mockResolvedValue({ errMsg: 'makePhoneCall:ok' } as never);
    render(<StationDetailPage />);
    fireEvent.click(await screen.findByTestId('station-map'));
    expect(open).toHaveBeenCalledWith(
      expect.stringMatching(/^https:\/\/uri\.amap\.com\/marker\?position=121\.42291,31\.17552&/),
      '_blank',
    );
    fireEvent.click(screen.getByTestId('station-contact'));
    expect(call).toHaveBeenCalledWith({ phoneNumber: '02164852210' });
  });

  it("opens WeChat's map at the site in the weapp", async () => {
    silenceUi();
    openedWith('31');
    api();
    process.env.TARO_ENV = 'weapp';
    try {
      const openLocation = jest
        .spyOn(Taro, 'openLocation')
        .mockResolvedValue({ errMsg: 'openLocation:ok' } as never);
      render(<ClassPage />);
      fireEvent.click(await screen.findByTestId('cc-site-map'));
      expect(openLocation).toHaveBeenCalledWith(
        expect.objectContaining({
          latitude: 31.21764,
          longitude: 121.38853,
          name: '长风新村街道社区中心',
          address: '上海市普陀区天山路1718号',
        }),
      );
    } finally {
      process.env.TARO_ENV = 'h5';
    }
  });
});
