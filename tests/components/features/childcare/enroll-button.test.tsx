import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Programme } from '@/contract/childcare';
import { EnrollButton } from '@/features/childcare/components/enroll-button';
import { useSession } from '@/lib/session';
import { scriptRequests, silenceUi } from '../../platform';

const programme = (opensInMs: number): Programme => ({
  id: '1',
  name: '2027爱心寒托班',
  season: 'winter',
  prefillOpensAt: new Date(Date.now() - 86400_000 + opensInMs).toISOString(),
  registrationOpensAt: new Date(Date.now() + opensInMs).toISOString(),
  registrationClosesAt: new Date(Date.now() + 30 * 86400_000).toISOString(),
  offerHours: 24,
  notice: null,
  localSchools: null,
});

const button = () => screen.getByTestId('cc-enroll-button');
const isDisabled = (el: HTMLElement) =>
  el.hasAttribute('disabled') && el.getAttribute('disabled') !== 'false';

beforeEach(() => {
  useSession.setState({
    token: 'tok',
    expiresAt: '2999-01-01T00:00:00Z',
    user: { id: '7', role: 'resident', orgIds: [], name: '王小青', profileComplete: true },
  });
});
afterEach(() => jest.restoreAllMocks());

describe('EnrollButton (features/childcare)', () => {
  it('before opening shows a countdown on SERVER time and a disabled button', async () => {
    silenceUi();
    // The phone's clock is 1 h behind the server: the server says opening is 30 s away, not 1 h 30 s.
    render(
      <EnrollButton
        programme={programme(3600_000 + 30_000)}
        classId="9"
        childIds={['5']}
        serverOffset={3600_000}
        periodStarted={false}
      />,
    );
    expect(screen.getByTestId('cc-countdown').textContent).toMatch(/距报名开始\s*00:00:(29|30)/);
    expect(isDisabled(button())).toBe(true);
    expect(button().textContent).toBe('报名尚未开始');
  });

  it('turns into 立即报名 the moment the countdown reaches the opening instant', async () => {
    silenceUi();
    render(
      <EnrollButton
        programme={programme(1200)}
        classId="9"
        childIds={['5']}
        serverOffset={0}
        periodStarted={false}
      />,
    );
    expect(button().textContent).toBe('报名尚未开始');
    await waitFor(() => expect(button().textContent).toBe('立即报名'), { timeout: 4000 });
    expect(isDisabled(button())).toBe(false);
  });

  it('sends one request with an Idempotency-Key for a double tap, and shows the honest waitlist answer', async () => {
    silenceUi();
    const sent = scriptRequests(() => ({
      statusCode: 201,
      data: {
        status: 'waitlisted',
        position: 12,
        message: '已满，您在候补第 12 位',
        enrollmentIds: ['77'],
        classId: '9',
      },
    }));
    render(
      <EnrollButton
        programme={programme(-1000)}
        classId="9"
        childIds={['5', '6']}
        serverOffset={0}
        periodStarted={false}
      />,
    );
    expect(button().textContent).toBe('为 2 个孩子一起报名');
    await act(async () => {
      // two taps in the same tick, before the first answer arrives
      fireEvent.click(button());
      fireEvent.click(button());
    });
    await waitFor(() =>
      expect(screen.getByTestId('cc-enroll-result').textContent).toContain(
        '已满，您在候补第 12 位',
      ),
    );
    const posts = sent.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.url).toContain('/api/v1/childcare/enrollments');
    expect(posts[0]!.data).toEqual({ classId: '9', childIds: ['5', '6'] });
    expect(posts[0]!.header['Idempotency-Key']).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });

  it('with no child chosen asks for one instead of sending', () => {
    silenceUi();
    const sent = scriptRequests(() => ({ statusCode: 500, data: {} }));
    render(
      <EnrollButton
        programme={programme(-1000)}
        classId="9"
        childIds={[]}
        serverOffset={0}
        periodStarted={false}
      />,
    );
    expect(button().textContent).toBe('请先选择孩子');
    fireEvent.click(button());
    expect(sent).toHaveLength(0);
  });

  it('after the window or once the period started, says so and stays disabled', () => {
    silenceUi();
    const closed = {
      ...programme(-10_000),
      registrationClosesAt: new Date(Date.now() - 1000).toISOString(),
    };
    const { unmount } = render(
      <EnrollButton
        programme={closed}
        classId="9"
        childIds={['5']}
        serverOffset={0}
        periodStarted={false}
      />,
    );
    expect(button().textContent).toBe('报名已截止');
    unmount();
    render(
      <EnrollButton
        programme={programme(-1000)}
        classId="9"
        childIds={['5']}
        serverOffset={0}
        periodStarted
      />,
    );
    expect(button().textContent).toBe('本期已开班');
  });
});
