import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Hours, MyShift, Task } from '@/contract/volunteer';
import VolunteerHome from '@/features/volunteer/pages/index/index';
import MyVolunteering from '@/features/volunteer/pages/mine/index';
import CheckinPage from '@/features/volunteer/pages/checkin/index';
import { useVolunteer } from '@/features/volunteer/store';
import { pendingScans, queueScan } from '@/features/volunteer/offline/queue';
import { useSession } from '@/lib/session';
import { scriptRequests, silenceUi } from '../../platform';

const shift = {
  id: '31',
  projectId: '5',
  startsAt: '2026-12-05T01:00:00.000Z',
  endsAt: '2026-12-05T03:30:00.000Z',
  place: '长风公园4号门',
  lat: 31.2236,
  lng: 121.3935,
  radiusM: 300,
  needed: 12,
  filled: 11,
  distanceM: null,
  requireGps: false,
  skills: [],
  skillMatch: false,
  mySignupId: null,
};
const task: Task = {
  id: '5',
  orgId: '9',
  orgName: '河小青巡河护河志愿服务队',
  title: '“河小青”苏州河巡河护河',
  category: '环境保护',
  description: '沿苏州河长风段步行巡河',
  skills: ['巡河'],
  cancelCutoffMin: 120,
  checkinOpenBeforeMin: 30,
  checkoutCloseAfterMin: 120,
  shifts: [shift],
};
const hours: Hours = {
  totalHours: 2,
  entries: [
    {
      id: '1',
      kind: 'attendance',
      hours: 2.5,
      minutes: 145,
      reason: null,
      title: '“河小青”苏州河巡河护河',
      signupId: '77',
      requestId: null,
      createdAt: '2026-12-05T03:20:00.000Z',
    },
    {
      id: '2',
      kind: 'correction',
      hours: -0.5,
      minutes: null,
      reason: '提前离开',
      title: '“河小青”苏州河巡河护河',
      signupId: '77',
      requestId: null,
      createdAt: '2026-12-05T05:00:00.000Z',
    },
  ],
  standing: { voids: 0, barred: false, appeal: null },
};
const myShift: MyShift = {
  signupId: '77',
  status: 'active',
  taskId: '5',
  taskTitle: '“河小青”苏州河巡河护河',
  orgName: '河小青巡河护河志愿服务队',
  shift: {
    ...shift,
    startsAt: new Date(Date.now() + 3600_000).toISOString(),
    endsAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
    mySignupId: '77',
  },
  canCancelUntil: new Date(Date.now() - 3600_000).toISOString(),
  checkedInAt: null,
  checkedOutAt: null,
  hours: 0,
  awaitingConfirmation: false,
};

function signIn() {
  useSession.setState({
    token: 'tok',
    expiresAt: '2999-01-01T00:00:00Z',
    user: { id: '7', role: 'resident', orgIds: [], name: '林小青', profileComplete: true },
  });
}

afterEach(() => useVolunteer.getState().reset());

describe('志愿服务 landing (features/volunteer/pages/index)', () => {
  it('lists tasks with their shifts and signs up with an Idempotency-Key, showing the new count at once', async () => {
    signIn();
    const sent = scriptRequests((method, url) =>
      method === 'POST' && url.endsWith('/shifts/31/signups')
        ? {
            statusCode: 201,
            data: {
              id: '77',
              shiftId: '31',
              status: 'active',
              createdAt: '2026-12-01T00:00:00.000Z',
            },
          }
        : { statusCode: 200, data: { items: [task] } },
    );
    const { toast } = silenceUi();
    render(<VolunteerHome />);
    await screen.findByText('“河小青”苏州河巡河护河');
    expect(screen.getByTestId('page-volunteer')).toBeTruthy();
    expect(document.querySelector('.service-preview__org-name')?.textContent).toBe(
      '河小青巡河护河志愿服务队',
    );
    expect(screen.getByTestId('shift-31').textContent).toContain('已报 11/12 人');

    await act(async () => fireEvent.click(screen.getByText('报名')));
    await screen.findByText('已报名');
    const post = sent.find((r) => r.method === 'POST');
    expect(post?.header['Idempotency-Key']).toMatch(/^[a-z0-9]+-[a-z0-9]+$/);
    expect(screen.getByTestId('shift-31').textContent).toContain('已报 12/12 人');
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '报名成功' }));
  });

  it('shows the server reason when the shift is full and keeps the button', async () => {
    signIn();
    scriptRequests((method) =>
      method === 'POST'
        ? {
            statusCode: 409,
            data: {
              statusCode: 409,
              code: 'SHIFT_FULL',
              error: 'Conflict',
              message: '该班次人数已满',
            },
          }
        : { statusCode: 200, data: { items: [task] } },
    );
    const { toast } = silenceUi();
    render(<VolunteerHome />);
    await screen.findByText('“河小青”苏州河巡河护河');
    await act(async () => fireEvent.click(screen.getByText('报名')));
    await waitFor(() =>
      expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '该班次人数已满' })),
    );
    expect(screen.getByText('报名')).toBeTruthy();
  });

  it('asks for filtered tasks when a date chip is tapped', async () => {
    signIn();
    const sent = scriptRequests(() => ({ statusCode: 200, data: { items: [task] } }));
    silenceUi();
    render(<VolunteerHome />);
    await screen.findByText('“河小青”苏州河巡河护河');
    await act(async () => fireEvent.click(screen.getByText('明天')));
    await waitFor(() =>
      expect(sent.at(-1)?.url).toMatch(/\/api\/v1\/volunteer\/tasks\?date=\d{4}-\d{2}-\d{2}$/),
    );
  });
});

describe('我的志愿 (features/volunteer/pages/mine)', () => {
  it('shows the total, the ledger with the correction reason, and the check-in button', async () => {
    signIn();
    scriptRequests((_m, url) => ({
      statusCode: 200,
      data: url.includes('/me/hours')
        ? hours
        : { items: url.includes('/correction-requests') ? [] : [myShift] },
    }));
    silenceUi();
    render(<MyVolunteering />);
    await waitFor(() => expect(screen.getByTestId('total-hours').textContent).toBe('2 小时'));
    expect(screen.getAllByTestId('ledger-entry').map((e) => e.textContent)).toEqual([
      expect.stringContaining('+2.5'),
      expect.stringMatching(/更正.*提前离开.*-0\.5/),
    ]);
    expect(screen.getByText('签到')).toBeTruthy();
    expect(screen.queryByText('取消报名')).toBeNull(); // past the cut-off
  });

  it('offers no 签退 once the organizer confirmed the hours, and says so', async () => {
    signIn();
    const confirmed: MyShift = {
      ...myShift,
      checkedInAt: new Date(Date.now() - 3600_000).toISOString(),
      hours: 2.5,
    };
    scriptRequests((_m, url) => ({
      statusCode: 200,
      data: url.includes('/me/hours')
        ? hours
        : { items: url.includes('/correction-requests') ? [] : [confirmed] },
    }));
    silenceUi();
    render(<MyVolunteering />);
    const card = await waitFor(() => screen.getByTestId('my-shift-31'));
    expect(card.textContent).toContain('时长已确认 · 2.5 小时');
    expect(screen.queryByText('签退')).toBeNull();
    expect(screen.getByText(/16–45分钟计0\.5小时/)).toBeTruthy(); // the rule as the league states it
  });

  it('uploads scans stored offline when it opens, and forgets the ones the server took', async () => {
    signIn();
    queueScan(
      {
        shiftId: '31',
        kind: 'in',
        nonce: 'scan-offline-0001',
        token: 'a.b',
        scannedAt: '2026-12-05T00:55:00.000Z',
      },
      '“河小青”苏州河巡河护河',
    );
    const sent = scriptRequests((method, url) =>
      method === 'POST'
        ? {
            statusCode: 200,
            data: {
              id: '1',
              signupId: '77',
              kind: 'in',
              method: 'code',
              scannedAt: '2026-12-05T00:55:00.000Z',
              offline: true,
              distanceM: null,
              duplicate: false,
              hours: null,
            },
          }
        : {
            statusCode: 200,
            data: url.includes('/me/hours')
              ? hours
              : { items: url.includes('/correction-requests') ? [] : [myShift] },
          },
    );
    const { toast } = silenceUi();
    render(<MyVolunteering />);
    await waitFor(() =>
      expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已上传 1 条离线签到' })),
    );
    expect(sent.find((r) => r.method === 'POST')?.data).toEqual(
      expect.objectContaining({
        nonce: 'scan-offline-0001',
        scannedAt: '2026-12-05T00:55:00.000Z',
      }),
    );
    expect(pendingScans()).toEqual([]);
  });
});

describe('签到 (features/volunteer/pages/checkin)', () => {
  beforeEach(() => {
    jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({
      router: { params: { shiftId: '31', kind: 'in', title: 'river' } },
    } as never);
  });

  it('shows the refusal in place (expired code)', async () => {
    signIn();
    scriptRequests(() => ({
      statusCode: 400,
      data: {
        statusCode: 400,
        code: 'CHECKIN_CODE_EXPIRED',
        error: 'Bad Request',
        message: '签到码已过期，请扫描现场最新的签到码',
      },
    }));
    silenceUi();
    render(<CheckinPage />);
    const input = await waitFor(() => {
      const el = document.querySelector<HTMLInputElement>(
        '[data-testid="checkin-code-input"] input',
      );
      if (!el) throw new Error('no input');
      return el;
    });
    act(() => {
      input.value = 'old.code';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => fireEvent.click(screen.getByTestId('checkin-submit')));
    await waitFor(() =>
      expect(screen.getByTestId('checkin-error').textContent).toBe(
        '签到码已过期，请扫描现场最新的签到码',
      ),
    );
  });

  it('keeps the scan on the phone with its nonce and time when there is no signal', async () => {
    signIn();
    jest.spyOn(Taro, 'request').mockRejectedValue(new Error('request:fail'));
    silenceUi();
    const modal = jest
      .spyOn(Taro, 'showModal')
      .mockResolvedValue({ confirm: false, cancel: true } as never);
    render(<CheckinPage />);
    const input = await waitFor(() => {
      const el = document.querySelector<HTMLInputElement>(
        '[data-testid="checkin-code-input"] input',
      );
      if (!el) throw new Error('no input');
      return el;
    });
    act(() => {
      input.value = 'live.code';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => fireEvent.click(screen.getByTestId('checkin-submit')));
    await screen.findByTestId('checkin-queued');
    expect(modal).not.toHaveBeenCalled(); // queued at once: no 重试 dialog first
    expect(pendingScans()).toEqual([
      expect.objectContaining({
        title: 'river',
        body: expect.objectContaining({
          shiftId: '31',
          kind: 'in',
          token: 'live.code',
          nonce: expect.stringMatching(/^scan-/),
          scannedAt: expect.any(String),
        }),
      }),
    ]);
  });
});
