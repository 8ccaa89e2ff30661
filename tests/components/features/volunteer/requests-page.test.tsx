import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ServiceRequest } from '@/contract/volunteer';
import RequestsPage from '@/features/volunteer/pages/requests/index';
import { useSession } from '@/lib/session';
import { scriptRequests, silenceUi } from '../../platform';

const done: ServiceRequest = {
  id: '12',
  committeeId: '2',
  title: '帮忙搬运旧家具下楼',
  details: '6楼无电梯',
  place: '长风新村12号',
  wantedAt: '2026-12-03T06:00:00.000Z',
  durationMin: 90,
  contactName: '王阿姨',
  contactPhone: '13912345678',
  state: 'done',
  teamId: null,
  volunteerId: null,
  takenByMe: false,
  report: '两件柜子已搬至回收点',
  hours: 1.5,
  hoursConfirmed: false,
  rating: null,
  ratingComment: null,
  reason: null,
  createdAt: '2026-12-01T02:00:00.000Z',
  timeline: [
    {
      action: 'submit',
      fromState: null,
      toState: 'submitted',
      note: null,
      at: '2026-12-01T02:00:00.000Z',
    },
    {
      action: 'complete',
      fromState: 'taken',
      toState: 'done',
      note: '两件柜子已搬至回收点',
      at: '2026-12-01T05:00:00.000Z',
    },
  ],
};

describe('点单服务 (features/volunteer/pages/requests)', () => {
  it('lets the resident rate a done request with stars and a comment; only legal actions are offered', async () => {
    useSession.setState({
      token: 'tok',
      expiresAt: '2999-01-01T00:00:00Z',
      user: { id: '7', role: 'resident', orgIds: [], name: '王阿姨', profileComplete: true },
    });
    const sent = scriptRequests((method, url) => {
      if (method === 'POST')
        return { statusCode: 200, data: { ...done, state: 'rated', rating: 4 } };
      if (url.includes('/orgs')) return { statusCode: 200, data: { items: [] } };
      return { statusCode: 200, data: { items: [done] } };
    });
    silenceUi();
    render(<RequestsPage />);
    const card = await screen.findByTestId('request-12');
    expect(card.textContent).toContain('待评价');
    expect(screen.queryByText('取消需求')).toBeNull(); // done: cancel is no longer a legal action
    await act(async () => fireEvent.click(screen.getByText('评价')));
    const stars = card.querySelectorAll('.request-card__star');
    await act(async () => fireEvent.click(stars[3]));
    const comment = await waitFor(() => {
      const el = card.querySelector<HTMLInputElement>('.request-card__form taro-input-core input');
      if (!el) throw new Error('no input');
      return el;
    });
    act(() => {
      comment.value = '很热情';
      comment.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => fireEvent.click(screen.getByText('提交评价')));
    await waitFor(() =>
      expect(sent.find((r) => r.method === 'POST')?.data).toEqual({
        action: 'rate',
        rating: 4,
        comment: '很热情',
      }),
    );
    expect(sent.find((r) => r.method === 'POST')?.url).toMatch(
      /\/api\/v1\/volunteer\/requests\/12\/actions$/,
    );
  });
});
