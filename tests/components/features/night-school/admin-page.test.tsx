import { act, fireEvent, render, screen } from '@testing-library/react';
import type { TermStats } from '@/contract/night-school';
import NightSchoolAdmin from '@/features/night-school/pages/admin/index';
import { useSession } from '@/lib/session';
import { silenceUi } from '../../platform';
import { scriptNightSchool, term } from './fixtures';
import { until } from './until';

const stats: TermStats = {
  term: { ...term, phase: 'closed' },
  totals: { applicants: 380, seats: 36, confirmed: 0, ratio: 10.6 },
  courses: [
    {
      courseId: '11',
      title: '陶艺入门：手捏与拉坯',
      sessions: 8,
      applicants: 300,
      capacity: 16,
      taken: 16,
      confirmed: 10,
      offered: 6,
      waitlisted: 284,
      ratio: 18.8,
    },
  ],
};

describe('夜校管理 (features/night-school/pages/admin)', () => {
  it('is closed to residents', async () => {
    useSession.setState({
      token: 'tok',
      expiresAt: '2999-01-01T00:00:00Z',
      user: { id: '7', role: 'resident', orgIds: [], name: null, profileComplete: false },
    });
    scriptNightSchool(() => ({ statusCode: 200, data: {} }));
    silenceUi();
    render(<NightSchoolAdmin />);
    expect(screen.getByText('仅限组织者使用')).toBeTruthy();
  });

  it('shows the round statistics and refuses a capacity below the seats taken with the server’s reason', async () => {
    useSession.setState({
      token: 'tok',
      expiresAt: '2999-01-01T00:00:00Z',
      user: { id: '2', role: 'organizer', orgIds: ['1'], name: '李老师', profileComplete: true },
    });
    const sent = scriptNightSchool((method, url) => {
      if (method === 'PATCH')
        return {
          statusCode: 409,
          data: {
            statusCode: 409,
            code: 'CAPACITY_BELOW_TAKEN',
            error: 'Conflict',
            message: '名额不能低于已占用的16个名额',
          },
        };
      if (url.endsWith('/admin/terms')) return { statusCode: 200, data: { items: [stats.term] } };
      if (url.endsWith('/admin/appeals')) {
        return {
          statusCode: 200,
          data: {
            items: [
              {
                id: '5',
                userId: '9',
                name: '张三',
                termId: '1',
                termName: '2026秋季青年夜校',
                reason: '两次出差，有单位证明',
                status: 'open',
                createdAt: '2026-11-21T02:00:00.000Z',
              },
            ],
          },
        };
      }
      return { statusCode: 200, data: stats };
    });
    silenceUi();
    render(<NightSchoolAdmin />);
    const totals = await until(() => screen.queryByTestId('stats-totals'));
    expect(totals.textContent).toContain('报名 380 人 / 名额 36 个');
    // no draw button: the draw runs at the announced time; after the close, the public value is asked for
    expect(screen.queryByText(/开始摇号/)).toBeNull();
    expect(screen.getByTestId('draw-panel').textContent).toContain('公开摇号时间：12月5日');
    expect(screen.getByTestId('public-value-form')).toBeTruthy();
    expect(screen.getByTestId('stat-11').textContent).toContain('候补 284');
    expect((await until(() => screen.queryByTestId('appeal-5'))).textContent).toContain('两次出差');

    const input = await until(() => document.querySelector<HTMLInputElement>('#capacity-11 input'));
    act(() => {
      input.value = '10';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => fireEvent.click(screen.getByText('保存名额')));
    const error = await until(() => screen.queryByTestId('capacity-error'));
    expect(error.textContent).toBe('名额不能低于已占用的16个名额');
    const patch = sent.find((r) => r.method === 'PATCH');
    expect(patch?.url).toContain('/admin/courses/11');
    expect(patch?.data).toEqual({ capacity: 10 });
  });
});
