import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen } from '@testing-library/react';
import type { MyAward } from '@/contract/excellent-awards';
import CoursePage from '@/features/night-school/pages/course/index';
import MyNightSchoolPage from '@/features/night-school/pages/mine/index';
import { ExcellentPanel } from '@/features/night-school/components/excellent-panel';
import { useNightSchool } from '@/features/night-school/store';
import { useSession } from '@/lib/session';
import { scriptRequests, silenceUi } from '../../platform';
import { until } from './until';
import { course, term } from './fixtures';

const pottery = course({});
const award = (over: Partial<MyAward> = {}): MyAward => ({
  id: '91',
  termId: '0',
  termName: '2026秋季青年夜校',
  courseId: '5',
  courseTitle: '陶艺',
  name: '王小青',
  present: 8,
  selfCheckIns: 7,
  ticket: 'ab'.repeat(32),
  pickedAt: '2026-11-20T02:00:00.000Z',
  redeemed: null,
  nextTerm: {
    id: term.id,
    name: term.name,
    opensAt: term.opensAt,
    closesAt: term.closesAt,
  },
  ...over,
});

describe('优秀学员 (course page, 我的夜校, staff panel)', () => {
  beforeEach(() => {
    useNightSchool.getState().reset();
    useSession.setState({
      token: 'tok',
      expiresAt: '2999-01-01T00:00:00Z',
      user: { id: '7', role: 'resident', orgIds: [], name: '王小青', profileComplete: true },
    });
    jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({
      router: { params: { id: pottery.id } },
    } as never);
  });

  it('on a course of the term the award is for, one confirmed tap redeems it for this course', async () => {
    let redeemed = false;
    const sent = scriptRequests((method, url) => {
      if (url.endsWith('/night-school/me'))
        return { statusCode: 200, data: { items: [], barred: null } };
      if (url.endsWith('/excellent-awards'))
        return {
          statusCode: 200,
          data: {
            items: [
              award(
                redeemed
                  ? {
                      redeemed: {
                        courseId: pottery.id,
                        courseTitle: pottery.title,
                        at: '2026-12-01T00:00:00.000Z',
                      },
                    }
                  : {},
              ),
            ],
          },
        };
      if (method === 'POST') {
        redeemed = true;
        return { statusCode: 200, data: award() };
      }
      return { statusCode: 200, data: { course: pottery, term } };
    });
    silenceUi();
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true } as never);
    render(<CoursePage />);
    const button = await until(() => screen.queryByText('用优秀学员名额报名本课程'));
    // the rule every student can read, folded to one line
    expect(screen.getByText(/每门课学期末按出勤评选 1 名优秀学员/)).toBeTruthy();
    await act(async () => {
      fireEvent.click(button!);
    });
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '使用优秀学员名额？' }));
    const posts = sent.filter((r) => r.method === 'POST');
    expect(posts.map((p) => [p.url, p.data])).toEqual([
      [
        expect.stringMatching(/\/night-school\/excellent-awards\/91\/redeem$/),
        { courseId: pottery.id },
      ],
    ]);
    // the used award no longer offers itself
    await until(() => (screen.queryByTestId('redeem-award') ? null : true));
  });

  it('declining the question sends nothing; a term it is not for shows no offer', async () => {
    const sent = scriptRequests((method, url) =>
      url.endsWith('/night-school/me')
        ? { statusCode: 200, data: { items: [], barred: null } }
        : url.endsWith('/excellent-awards')
          ? { statusCode: 200, data: { items: [award({ nextTerm: null })] } }
          : { statusCode: 200, data: { course: pottery, term } },
    );
    silenceUi();
    render(<CoursePage />);
    await until(() => screen.queryByText('我要报名'));
    expect(screen.queryByTestId('redeem-award')).toBeNull();
    expect(sent.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('我的夜校 shows the award and the window of the term it is for', async () => {
    scriptRequests((_method, url) =>
      url.endsWith('/excellent-awards')
        ? { statusCode: 200, data: { items: [award()] } }
        : { statusCode: 200, data: { items: [], barred: null } },
    );
    silenceUi();
    render(<MyNightSchoolPage />);
    const card = await until(() => screen.queryByTestId('award-91'));
    expect(card!.textContent).toContain('优秀学员 · 陶艺');
    expect(card!.textContent).toContain(`可在「${term.name}」报名期间`);
    expect(card!.textContent).toContain('出勤 8 次（自主签到 7 次）');
  });

  it('staff pick with one button and see the picks, masked, with the seed', async () => {
    const sent = scriptRequests((method) =>
      method === 'POST'
        ? {
            statusCode: 200,
            data: { termId: '3', seed: 'feedbeef', items: [award({ name: '王*青' })] },
          }
        : { statusCode: 200, data: { termId: '3', seed: 'feedbeef', items: [] } },
    );
    silenceUi();
    render(<ExcellentPanel termId="3" />);
    const button = await until(() => screen.queryByText('评选优秀学员'));
    expect(screen.getByText(/学期结束后按出勤评选/)).toBeTruthy();
    await act(async () => {
      fireEvent.click(button!);
    });
    await until(() => screen.queryByText(/陶艺：王\*青（出勤 8，自主签到 7）/));
    expect(screen.getByText(/种子 feedbeef/)).toBeTruthy();
    expect(sent.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual([
      expect.stringMatching(/\/night-school\/admin\/terms\/3\/excellent-learners$/),
    ]);
  });
});
