// A load that fails is shown as a failure (加载失败 + 重试), never as an empty list; a real empty
// answer still shows the page's empty state; a 200 without the promised shape is a failure too,
// not a crash. Across list pages of four services and the 消息 tab, in both care modes. Only the
// platform's HTTP call is scripted: request(), the hook, the stores and the pages run for real.
import Taro from '@tarojs/taro';
import type { ComponentType } from 'react';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { MyEnrollment } from '@/contract/childcare';
import type { Station } from '@/contract/station';
import type { Task } from '@/contract/volunteer';
import MinePage from '@/features/childcare/pages/mine/index';
import { useChildcare } from '@/features/childcare/store';
import RolesPage from '@/features/organizer/pages/roles/index';
import NightSchoolAdmin from '@/features/night-school/pages/admin/index';
import NightSchoolHome from '@/features/night-school/pages/index/index';
import { useNightSchool } from '@/features/night-school/store';
import StationHome from '@/features/station/pages/index/index';
import VolunteerHome from '@/features/volunteer/pages/index/index';
import { useVolunteer } from '@/features/volunteer/store';
import Messages from '@/pages/messages/index';
import { useCareMode } from '@/lib/care-mode';
import { useSession } from '@/lib/session';
import { course, term } from './features/night-school/fixtures';
import { until } from './features/night-school/until';
import { silenceUi } from './platform';

const station: Station = {
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
  latitude: null,
  longitude: null,
  totalBeds: 120,
  freeThisWeek: [37, 40, 40, 40, 40, 40, 40],
  roomTypes: [],
};

const task: Task = {
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
  shifts: [],
};

const enrollment: MyEnrollment = {
  id: '77',
  status: 'waitlisted',
  position: 3,
  offerExpiresAt: null,
  childId: '5',
  childName: '王小明',
  class: {
    id: '31',
    name: '低年级班',
    periodId: '11',
    periodName: '第一期',
    programmeName: '2027爱心寒托班',
    startsOn: '2027-01-25',
    endsOn: '2027-02-05',
    siteId: '5',
    siteName: '长风新村街道社区中心',
    siteAddress: null,
    siteLatitude: null,
    siteLongitude: null,
    capacity: 35,
    taken: 35,
    remaining: 0,
    waiting: 3,
    gradeMin: 1,
    gradeMax: 2,
    feeFen: 0,
    whatToBring: '水杯',
  },
  programmeName: '2027爱心寒托班',
  notice: null,
  pickupCodes: [],
  attendance: [],
  notices: [],
  createdAt: '2026-12-01T00:00:01.000Z',
};

type Mode = 'down' | 'malformed' | 'empty' | 'full';

interface PageCase {
  name: string;
  Page: ComponentType;
  /** The page's own list endpoint (every other call answers 404, which pages ignore). */
  isList: (url: string) => boolean;
  full: unknown;
  empty: unknown;
  /** Text only the loaded data shows. */
  shows: string;
  /** The page's empty state. */
  emptyText: string;
  /** Signed in with this role (signed out when absent). */
  role?: 'resident' | 'organizer';
}

const pages: PageCase[] = [
  {
    name: '青年驿站 首页',
    Page: StationHome,
    isList: (url) => url.endsWith('/api/v1/stations'),
    full: { items: [station] },
    empty: { items: [] },
    shows: '今晚空床 37',
    emptyText: '暂无驿站',
  },
  {
    name: '青年夜校 课程列表',
    Page: NightSchoolHome,
    isList: (url) => url.includes('/night-school/courses'),
    full: { term, items: [course({})] },
    empty: { term, items: [] },
    shows: '陶艺入门：手捏与拉坯',
    emptyText: '没有符合条件的课程',
  },
  {
    name: '我的托班',
    Page: MinePage,
    isList: (url) => url.endsWith('/childcare/enrollments/mine'),
    full: { items: [enrollment], serverNow: '2026-12-02T01:00:00.000Z' },
    empty: { items: [], serverNow: '2026-12-02T01:00:00.000Z' },
    shows: '王小明',
    emptyText: '还没有托班报名',
    role: 'resident',
  },
  {
    name: '志愿服务 首页',
    Page: VolunteerHome,
    isList: (url) => url.includes('/volunteer/tasks'),
    full: { items: [task] },
    empty: { items: [] },
    shows: '“河小青”苏州河巡河护河',
    emptyText: '暂时没有符合条件的志愿活动',
  },
  {
    name: '消息',
    Page: Messages,
    isList: (url) => url.includes('/api/v1/messages'),
    full: {
      items: [
        {
          id: '1',
          kind: 'booking',
          title: '预约已通过',
          body: '请于 14:00–22:00 凭码入住',
          link: null,
          createdAt: '2026-07-01T01:00:00.000Z',
          read: true,
        },
      ],
      unread: 0,
      next: null,
    },
    empty: { items: [], unread: 0, next: null },
    shows: '预约已通过',
    emptyText: '暂无消息',
    role: 'resident',
  },
  {
    name: '夜校 组织者管理',
    Page: NightSchoolAdmin,
    isList: (url) => url.endsWith('/night-school/admin/terms'),
    full: { items: [term] },
    empty: { items: [] },
    shows: '2026冬季青年夜校',
    emptyText: '还没有学期',
    role: 'organizer',
  },
];

const NOT_FOUND = { statusCode: 404, code: 'NOT_FOUND', error: 'Not Found', message: '不存在' };

/** The network as the test sets it: down (every request fails to leave the phone) or answering. */
function network(page: PageCase, initial: Mode) {
  const state = { mode: initial };
  jest.spyOn(Taro, 'request').mockImplementation(((options: Taro.request.Option) => {
    if (state.mode === 'down') return Promise.reject(new Error('request:fail timeout'));
    const answer = !page.isList(options.url)
      ? { statusCode: 404, data: NOT_FOUND }
      : state.mode === 'malformed'
        ? { statusCode: 200, data: { rows: 'not what was promised' } }
        : { statusCode: 200, data: state.mode === 'empty' ? page.empty : page.full };
    return Promise.resolve({ ...answer, header: {}, cookies: [], errMsg: 'request:ok' });
  }) as never);
  return state;
}

beforeEach(() => {
  useNightSchool.getState().reset();
  useVolunteer.getState().reset();
  useChildcare.setState({ mine: [] });
  // the resident declines request()'s own 网络不给力 prompt: the page must then say so itself
  jest
    .spyOn(Taro, 'showModal')
    .mockResolvedValue({ confirm: false, cancel: true, errMsg: 'showModal:ok' } as never);
  jest.spyOn(Taro, 'setTabBarBadge').mockResolvedValue({ errMsg: 'ok' } as never);
  jest.spyOn(Taro, 'removeTabBarBadge').mockResolvedValue({ errMsg: 'ok' } as never);
});

describe.each(pages)('$name', (page) => {
  const open = (care: boolean) => {
    if (page.role)
      useSession.setState({
        token: 'tok',
        expiresAt: '2999-01-01T00:00:00Z',
        user: { id: '7', role: page.role, orgIds: ['1'], name: '王小青', profileComplete: true },
      });
    useCareMode.setState({ on: care });
    return render(<page.Page />);
  };

  it.each([false, true])(
    'care=%s: a network failure shows 加载失败 with 重试, not the empty state; 重试 loads the data',
    async (care) => {
      silenceUi();
      const net = network(page, 'down');
      const { container } = open(care);
      await until(() => screen.queryByTestId('load-failed'));
      expect(screen.getByText('加载失败')).toBeTruthy();
      expect(screen.getByText('请检查网络后重试')).toBeTruthy();
      expect(screen.queryByText(page.emptyText)).toBeNull();
      expect(container.querySelector('.page')!.classList.contains('care')).toBe(care);

      net.mode = 'full';
      await act(async () => fireEvent.click(screen.getByTestId('load-retry')));
      await until(() => (screen.queryAllByText(page.shows).length ? true : null));
      expect(screen.queryByTestId('load-failed')).toBeNull();
    },
  );

  it('an empty answer shows the empty state, not a failure', async () => {
    silenceUi();
    network(page, 'empty');
    open(false);
    await until(() => screen.queryByText(page.emptyText));
    expect(screen.queryByTestId('load-failed')).toBeNull();
  });

  it('a 200 without the promised shape shows 加载失败 (and a toast), never a crash', async () => {
    const { toast } = silenceUi();
    network(page, 'malformed');
    open(false);
    await until(() => screen.queryByTestId('load-failed'));
    expect(screen.getByText('服务返回的数据有误，请稍后重试')).toBeTruthy();
    expect(screen.queryByText(page.emptyText)).toBeNull();
    expect(toast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '服务返回的数据有误，请稍后重试' }),
    );
  });
});

describe('工作人员授权 (organizer/pages/roles): a search that fails', () => {
  it('says 加载失败, not 没有找到; 重试 searches again and lists the person', async () => {
    useSession.setState({
      token: 'tok',
      expiresAt: '2999-01-01T00:00:00Z',
      user: { id: '1', role: 'admin', orgIds: [], name: '管理员', profileComplete: true },
    });
    silenceUi();
    const net = { down: true };
    const org = { id: '4', kind: 'committee', name: '长风新村街道团工委' };
    jest.spyOn(Taro, 'request').mockImplementation(((options: Taro.request.Option) => {
      const { url } = options;
      if (url.includes('/admin/users') && net.down)
        return Promise.reject(new Error('request:fail timeout'));
      const data = url.includes('/admin/users')
        ? {
            items: [
              { id: '9', name: '李小华', phoneMasked: '138****0000', role: 'resident', orgIds: [] },
            ],
          }
        : url.includes('/members')
          ? { org, items: [] }
          : { items: [org] };
      return Promise.resolve({
        statusCode: 200,
        data,
        header: {},
        cookies: [],
        errMsg: 'request:ok',
      });
    }) as never);
    render(<RolesPage />);
    const input = await waitFor(() => {
      const el = document.querySelector<HTMLInputElement>('#roles-search input');
      if (!el) throw new Error('no search input yet');
      return el;
    });
    act(() => {
      input.value = '李';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => fireEvent.click(screen.getByText('查找')));
    await until(() => screen.queryByTestId('load-failed'));
    expect(screen.queryByText('没有找到，请确认对方已登录并完成实名')).toBeNull();

    net.down = false;
    await act(async () => fireEvent.click(screen.getByTestId('load-retry')));
    await until(() => screen.queryByText('李小华'));
    expect(screen.queryByTestId('load-failed')).toBeNull();
  });
});
