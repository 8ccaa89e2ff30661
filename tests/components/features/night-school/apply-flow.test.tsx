import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { MyApplication } from '@/contract/night-school';
import CoursePage from '@/features/night-school/pages/course/index';
import MyNightSchoolPage from '@/features/night-school/pages/mine/index';
import { useNightSchool } from '@/features/night-school/store';
import { useSession } from '@/lib/session';
import { silenceUi } from '../../platform';

import { until } from './until';
import { course, scriptNightSchool, term } from './fixtures';

const pottery = course({});

function openCourse(id: string) {
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: { id } } } as never);
}

describe('apply flow (features/night-school/pages/course, mine)', () => {
  beforeEach(() => {
    useNightSchool.getState().reset();
    useSession.setState({
      token: 'tok',
      expiresAt: '2999-01-01T00:00:00Z',
      user: { id: '7', role: 'resident', orgIds: [], name: '王小青', profileComplete: true },
    });
  });

  it('shows the 8 dates in Chinese and applies once with an Idempotency-Key, then shows the result', async () => {
    openCourse('11');
    const sent = scriptNightSchool((method, url) =>
      url.endsWith('/night-school/me')
        ? { statusCode: 200, data: { items: [], barred: null } }
        : method === 'POST'
          ? {
              statusCode: 201,
              data: {
                id: '501',
                courseId: '11',
                termId: '1',
                status: 'applied',
                reason: null,
                waitPosition: null,
                offerExpiresAt: null,
                createdAt: '2026-11-23T02:00:00.000Z',
              },
            }
          : { statusCode: 200, data: { course: pottery, term } },
    );
    silenceUi();
    render(<CoursePage />);
    await until(() => screen.queryByText('第1次 12月15日 周二'));
    expect(screen.getByText('第8次 2月2日 周二')).toBeTruthy();
    const button = screen.getByText('我要报名');
    await act(async () => {
      fireEvent.click(button);
      fireEvent.click(button); // a double tap
    });
    await until(() => screen.queryByTestId('apply-result'));
    const posts = sent.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0].data).toEqual({ courseId: '11' });
    expect(posts[0].header['Idempotency-Key']).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(screen.getByTestId('apply-result').textContent).toContain('已报名，等待摇号');
    // the apply button gives way to a link to 我的夜校
    expect(screen.queryByText('我要报名')).toBeNull();
    expect(screen.getByText('查看我的夜校')).toBeTruthy();
    // the course is read again past the catalogue's cache, so its count includes this application
    const reads = sent.filter(
      (r) => r.method === 'GET' && r.url.endsWith('/night-school/courses/11'),
    );
    expect(reads.map((r) => r.header['Cache-Control'])).toEqual([undefined, 'no-cache']);
  });

  it('shows the server’s Chinese reason when the application is refused', async () => {
    openCourse('11');
    scriptNightSchool((method, url) =>
      url.endsWith('/night-school/me')
        ? { statusCode: 200, data: { items: [], barred: null } }
        : method === 'POST'
          ? {
              statusCode: 403,
              data: {
                statusCode: 403,
                code: 'AGE_NOT_ELIGIBLE',
                error: 'Forbidden',
                message: '本学期课程面向18–40周岁青年，你现在16周岁',
              },
            }
          : { statusCode: 200, data: { course: pottery, term } },
    );
    silenceUi();
    render(<CoursePage />);
    const target = await until(() => screen.queryByText('我要报名'));
    await act(async () => fireEvent.click(target));
    expect((await until(() => screen.queryByTestId('apply-error'))).textContent).toContain(
      '18–40周岁',
    );
  });

  it('when I applied before, the course page shows my place on the waitlist instead of the apply button', async () => {
    openCourse('11');
    const mine = {
      items: [
        {
          application: {
            id: '7',
            courseId: '11',
            termId: '1',
            status: 'waitlisted',
            reason: null,
            waitPosition: 3,
            offerExpiresAt: null,
            createdAt: '2026-11-23T02:00:00.000Z',
          },
          course: pottery,
          attendance: [],
        },
      ],
      barred: null,
    };
    scriptNightSchool((_m, url) => ({
      statusCode: 200,
      data: url.endsWith('/night-school/me') ? mine : { course: pottery, term },
    }));
    silenceUi();
    render(<CoursePage />);
    const result = await until(() => screen.queryByTestId('apply-result'));
    expect(result.textContent).toContain('候补中');
    expect(result.textContent).toContain('当前候补第 3 位');
    expect(screen.queryByText('我要报名')).toBeNull();
  });

  it('in 我的夜校, an offer shows its deadline and is confirmed with one tap', async () => {
    const offered: MyApplication = {
      application: {
        id: '501',
        courseId: '11',
        termId: '1',
        status: 'offered' as const,
        reason: null,
        waitPosition: null,
        offerExpiresAt: '2026-12-07T02:00:00.000Z',
        createdAt: '2026-11-23T02:00:00.000Z',
      },
      course: pottery,
      attendance: [],
    };
    const confirmed: MyApplication = {
      ...offered,
      application: { ...offered.application, status: 'confirmed' as const, offerExpiresAt: null },
    };
    let state = offered;
    const sent = scriptNightSchool((method, url) => {
      if (url.endsWith('/time'))
        return { statusCode: 200, data: { now: '2026-12-05T02:00:00.000Z' } };
      if (method === 'POST') {
        state = confirmed;
        return { statusCode: 200, data: confirmed.application };
      }
      return { statusCode: 200, data: { items: [state], barred: null } };
    });
    silenceUi();
    render(<MyNightSchoolPage />);
    const deadline = await until(() => screen.queryByTestId('offer-deadline'));
    expect(deadline.textContent).toContain('12月7日');
    await waitFor(() =>
      expect(screen.getByTestId('offer-deadline').textContent).toContain('剩 48小时'),
    );
    await act(async () => fireEvent.click(screen.getByText('确认上课')));
    await until(() => screen.queryByText('已录取'));
    expect(
      sent.some((r) => r.method === 'POST' && r.url.endsWith('/applications/501/confirm')),
    ).toBe(true);
  });

  it('in 我的夜校, a non-selection shows its reason and a no-show bar explains itself', async () => {
    scriptNightSchool((_m, url) =>
      url.endsWith('/time')
        ? { statusCode: 200, data: { now: '2026-12-05T02:00:00.000Z' } }
        : {
            statusCode: 200,
            data: {
              items: [
                {
                  application: {
                    id: '9',
                    courseId: '11',
                    termId: '1',
                    status: 'waitlisted',
                    reason: '未中签（摇号排第40位），按摇号顺序候补',
                    waitPosition: 24,
                    offerExpiresAt: null,
                    createdAt: '2026-11-23T02:00:00.000Z',
                  },
                  course: pottery,
                  attendance: [],
                },
              ],
              barred: {
                termId: '3',
                appeal: null,
                termName: '2026秋季青年夜校',
                noShows: 3,
                limit: 2,
                reason:
                  '你在「2026秋季青年夜校」缺勤3次（上限2次），本学期暂不能报名；如有特殊情况，可联系徐汇团区委申诉',
              },
            },
          },
    );
    silenceUi();
    render(<MyNightSchoolPage />);
    await until(() => screen.queryByText('未中签（摇号排第40位），按摇号顺序候补'));
    expect(screen.getByText('当前候补第 24 位')).toBeTruthy();
    expect(screen.getByTestId('barred').textContent).toContain('申诉');
  });

  it('in 我的夜校, a barred person writes an appeal and then sees it is being handled', async () => {
    let appealed = false;
    const bar = (appeal: unknown) => ({
      termId: '3',
      termName: '2026秋季青年夜校',
      noShows: 2,
      limit: 2,
      reason: '你在「2026秋季青年夜校」缺勤2次（上限2次），本学期暂不能报名',
      appeal,
    });
    const sent = scriptNightSchool((method, url) => {
      if (url.endsWith('/time'))
        return { statusCode: 200, data: { now: '2026-12-05T02:00:00.000Z' } };
      if (method === 'POST') {
        appealed = true;
        return {
          statusCode: 201,
          data: {
            id: '5',
            userId: '7',
            name: '王小青',
            termId: '3',
            termName: '2026秋季青年夜校',
            reason: 'x',
            status: 'open',
            createdAt: '2026-12-05T02:00:00.000Z',
          },
        };
      }
      return {
        statusCode: 200,
        data: { items: [], barred: bar(appealed ? { id: '5', status: 'open' } : null) },
      };
    });
    silenceUi();
    render(<MyNightSchoolPage />);
    const box = await until(() =>
      document.querySelector<HTMLTextAreaElement>('#ns-appeal textarea'),
    );
    act(() => {
      box.value = '10月两次加班，附单位证明';
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => fireEvent.click(screen.getByText('提交申诉')));
    await until(() => screen.queryByText('申诉已提交，等待团区委处理'));
    expect(sent.find((r) => r.method === 'POST')?.data).toEqual({
      reason: '10月两次加班，附单位证明',
    });
  });
});
