// The console home for the committee: station requests not reviewed in time, with their count;
// organizers do not get the list, and a failed load says so with 重试.
import { fireEvent, render, screen, within } from '@testing-library/react';
import type { Role } from '@/contract/account';
import { useSession } from '@/lib/session';
import ConsolePage from '@/features/console/pages/index/index';
import { scriptRequests, silenceUi } from '../../platform';

function signInAs(role: Role) {
  useSession.setState({
    token: 't',
    expiresAt: '2999-01-01T00:00:00Z',
    user: { id: '7', role, orgIds: ['3'], name: '李青', profileComplete: true },
  });
}
const widen = (px: number) =>
  Object.defineProperty(window, 'innerWidth', { value: px, configurable: true });
const empty = {
  statusCode: 200,
  data: { items: [], total: 0, page: 1, pageSize: 20, sort: 'id', date: '' },
};
// the home's charts are another test's business: their loads fail here
const route = (url: string, list: { statusCode: number; data: unknown }) =>
  url.includes('/overdue-reviews')
    ? list
    : url.includes('/dashboard')
      ? { statusCode: 503, data: { code: 'UNAVAILABLE', message: '稍后再试' } }
      : empty;
const overdue = {
  statusCode: 200,
  data: {
    workingDays: 3,
    items: [
      {
        id: '41',
        stationId: '3',
        stationName: '青年人才驿站·漕河泾合作酒店',
        stationAddress: null,
        roomTypeId: '1',
        roomTypeName: '标准双床房',
        checkIn: '2026-12-20',
        checkOut: '2026-12-22',
        nights: 2,
        nightsHeld: 2,
        status: 'requested',
        declaredStatus: 'job_seeking',
        noLocalHomeDeclared: true,
        heldUntil: null,
        rejectReason: null,
        createdAt: '2026-12-03T02:00:00.000Z',
        checkedInAt: null,
        checkedOutAt: null,
        hasProof: false,
        lateArrival: null,
        residentName: '王青',
        phoneMasked: '138****8000',
        idNumberMasked: null,
        age: 26,
        gender: 'male',
        submittedAt: '2026-12-03T02:00:00.000Z',
        dueDay: '2026-12-08',
      },
    ],
  },
};

describe('console home: requests not reviewed in time', () => {
  beforeEach(() => {
    silenceUi();
    widen(1280);
  });
  afterEach(() => {
    widen(1024);
    jest.restoreAllMocks();
  });

  it('shows the admin how many requests are overdue, where, and by when they were due', async () => {
    signInAs('admin');
    scriptRequests((_m, url) => route(url, overdue));
    render(<ConsolePage />);
    expect((await screen.findByTestId('overdue-count')).textContent).toBe('1');
    expect(screen.getByText('超时未审核的驿站预订（提交后 3 个工作日内未审核）')).toBeTruthy();
    const row = screen.getByTestId('overdue-item').textContent;
    expect(row).toContain('青年人才驿站·漕河泾合作酒店');
    expect(row).toContain('138****8000');
    expect(row).toContain('12月20日起2晚');
    expect(row).toContain('12月3日 10:00');
    expect(row).toContain('12月8日');
  });

  it('says when every station reviewed in time', async () => {
    signInAs('admin');
    scriptRequests((_m, url) =>
      route(url, { statusCode: 200, data: { workingDays: 3, items: [] } }),
    );
    render(<ConsolePage />);
    expect(await screen.findByText('各驿站都按时审核了。')).toBeTruthy();
  });

  it('shows a failed load as a failure with 重试, and retries', async () => {
    signInAs('admin');
    let fail = true;
    const sent = scriptRequests((_m, url) =>
      route(
        url,
        fail ? { statusCode: 500, data: { code: 'INTERNAL', message: '服务器开小差了' } } : overdue,
      ),
    );
    render(<ConsolePage />);
    const retry = within(await screen.findByTestId('overdue-failed')).getByTestId('load-retry');
    fail = false;
    fireEvent.click(retry);
    expect((await screen.findByTestId('overdue-count')).textContent).toBe('1');
    expect(sent.filter((r) => r.url.includes('/overdue-reviews'))).toHaveLength(2);
  });

  it('is not shown to organizers (the route is the committee’s)', async () => {
    signInAs('organizer');
    const sent = scriptRequests(() => empty);
    render(<ConsolePage />);
    await screen.findByTestId('console');
    expect(screen.queryByTestId('overdue-reviews')).toBeNull();
    expect(sent.some((r) => r.url.includes('/overdue-reviews'))).toBe(false);
  });
});
