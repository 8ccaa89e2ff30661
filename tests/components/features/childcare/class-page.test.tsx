import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ClassDetail } from '@/contract/childcare';
import ClassPage from '@/features/childcare/pages/class/index';
import { useSession } from '@/lib/session';
import { scriptRequests, silenceUi } from '../../platform';

const HOUR = 3600_000;

/** A class whose registration opens 30 s from now on a server clock that runs `serverAhead` ms ahead of the phone. */
function detail(serverAhead: number): ClassDetail {
  const server = Date.now() + serverAhead;
  const at = (ms: number) => new Date(server + ms).toISOString();
  return {
    programme: {
      id: '2',
      name: '2027爱心寒托班',
      season: 'winter',
      prefillOpensAt: at(-HOUR),
      registrationOpensAt: at(30_000),
      registrationClosesAt: at(30 * 24 * HOUR),
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
      siteName: '长风新村街道社区中心',
      siteAddress: null,
      siteLatitude: null,
      siteLongitude: null,
      capacity: 35,
      taken: 0,
      remaining: 35,
      waiting: 0,
      gradeMin: 1,
      gradeMax: 2,
      feeFen: 40000,
      whatToBring: '水杯',
    },
  };
}

describe('班级 page (features/childcare/pages/class)', () => {
  beforeEach(() => {
    useSession.setState({
      token: 'tok',
      expiresAt: '2999-01-01T00:00:00Z',
      user: { id: '7', role: 'resident', orgIds: [], name: null, profileComplete: true },
    });
    jest
      .spyOn(Taro, 'getCurrentInstance')
      .mockReturnValue({ router: { params: { id: '31' } } } as never);
  });
  afterEach(() => jest.restoreAllMocks());

  it('counts down on the clock of GET /time, since the cached catalogue carries none', async () => {
    silenceUi();
    // the phone is an hour behind the server: on the phone's own clock the opening is 1 h 30 s away
    const serverAhead = HOUR;
    const sent = scriptRequests((_method, url) => {
      if (url.endsWith('/api/v1/time'))
        return { statusCode: 200, data: { now: new Date(Date.now() + serverAhead).toISOString() } };
      if (url.endsWith('/childcare/classes/31'))
        return { statusCode: 200, data: detail(serverAhead) };
      return { statusCode: 200, data: { items: [] } };
    });
    render(<ClassPage />);
    await waitFor(() =>
      expect(screen.getByTestId('cc-countdown').textContent).toMatch(/距报名开始\s*00:00:(29|30)/),
    );
    expect(screen.getByTestId('cc-enroll-button').textContent).toBe('报名尚未开始');
    expect(sent.map((r) => r.url)).toEqual(
      expect.arrayContaining([expect.stringMatching(/\/api\/v1\/time$/)]),
    );
  });

  it('asks the parent to agree to 家长须知 before the button enrolls, and records the agreement', async () => {
    silenceUi();
    const open = detail(-60_000); // opened a minute ago
    open.programme.notice = '每日 8:00 入园，17:30 前接走。';
    let agreedAt: string | null = null;
    const sent = scriptRequests((method, url) => {
      if (url.endsWith('/api/v1/time'))
        return { statusCode: 200, data: { now: new Date().toISOString() } };
      if (url.endsWith('/childcare/classes/31')) return { statusCode: 200, data: open };
      if (url.endsWith('/programmes/2/notice-acceptance')) {
        if (method === 'POST') agreedAt = '2026-12-01T00:00:05.000Z';
        return { statusCode: 200, data: { acceptedAt: agreedAt } };
      }
      if (url.endsWith('/childcare/children'))
        return {
          statusCode: 200,
          data: {
            items: [
              { id: '5', name: '王小明', school: '长风小学', grade: '二年级', guardians: [] },
            ],
          },
        };
      return { statusCode: 200, data: { items: [] } };
    });
    render(<ClassPage />);
    await waitFor(() =>
      expect(screen.getByTestId('cc-notice').textContent).toContain('17:30 前接走'),
    );
    await waitFor(() =>
      expect(screen.getByTestId('cc-enroll-button').textContent).toBe('请先阅读并同意上方家长须知'),
    );
    await act(async () => fireEvent.click(screen.getByTestId('cc-notice-agree')));
    await waitFor(() =>
      expect(screen.getByTestId('cc-notice-agreed').textContent).toContain('12月1日 08:00'),
    );
    expect(screen.getByTestId('cc-enroll-button').textContent).not.toContain('家长须知');
    expect(sent.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual([
      expect.stringContaining('/childcare/programmes/2/notice-acceptance'),
    ]);
  });

  it('names the local schools and marks a child whose school is not on the list', async () => {
    silenceUi();
    const open = detail(-60_000);
    open.programme.localSchools = ['长风新村第一小学', '普陀区第二中心小学'];
    scriptRequests((_method, url) => {
      if (url.endsWith('/api/v1/time'))
        return { statusCode: 200, data: { now: new Date().toISOString() } };
      if (url.endsWith('/childcare/classes/31')) return { statusCode: 200, data: open };
      if (url.endsWith('/childcare/children'))
        return {
          statusCode: 200,
          data: {
            items: [
              { id: '5', name: '王小明', school: '田林三小', grade: '二年级', guardians: [] },
            ],
          },
        };
      return { statusCode: 200, data: { items: [] } };
    });
    render(<ClassPage />);
    await waitFor(() =>
      expect(screen.getByTestId('cc-local-schools').textContent).toBe(
        '招收学校：仅限 长风新村第一小学、普陀区第二中心小学',
      ),
    );
    await waitFor(() =>
      expect(screen.getByTestId('cc-pick-5').textContent).toContain('学校不在本项目招收名单内'),
    );
  });
});
