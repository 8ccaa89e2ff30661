// Offline-first check-in: the network is cut where the app meets it (the platform request fails,
// as wx.request does with no signal); the pages, stores, storage and request wrapper run for real.
import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { CheckinSecret, MyShift } from '@/contract/volunteer';
import MyVolunteering from '@/features/volunteer/pages/mine/index';
import CheckinPage from '@/features/volunteer/pages/checkin/index';
import CodePage from '@/features/volunteer/pages/code/index';
import { mintOfflineCode } from '@/features/volunteer/offline/code';
import { pendingScans, queueScan, refusedScans } from '@/features/volunteer/offline/queue';
import { useVolunteer } from '@/features/volunteer/store';
import { useSession } from '@/lib/session';
import { scriptRequests, silenceUi } from '../../platform';

const myShift: MyShift = {
  signupId: '77',
  status: 'active',
  taskId: '5',
  taskTitle: '“河小青”苏州河巡河护河',
  orgName: '河小青巡河护河志愿服务队',
  shift: {
    id: '31',
    projectId: '5',
    startsAt: new Date(Date.now() - 600_000).toISOString(),
    endsAt: new Date(Date.now() + 2 * 3600_000).toISOString(),
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
    mySignupId: '77',
  },
  canCancelUntil: new Date(Date.now() - 3600_000).toISOString(),
  checkedInAt: null,
  checkedOutAt: null,
  hours: 0,
  awaitingConfirmation: false,
};
const hours = { totalHours: 0, entries: [], standing: { voids: 0, barred: false, appeal: null } };

function signIn(role: 'resident' | 'organizer' = 'resident', id = '7') {
  useSession.setState({
    token: 'tok',
    expiresAt: '2999-01-01T00:00:00Z',
    user: { id, role, orgIds: [], name: '林小青', profileComplete: true },
  });
}

/** No signal: every request fails before reaching the server. */
const cutNetwork = () => jest.spyOn(Taro, 'request').mockRejectedValue(new Error('request:fail'));
/** What the network-status listener and the browser's `online` event would do. */
function networkBack() {
  window.dispatchEvent(new Event('online'));
}
const online = (over: Partial<MyShift> = {}) =>
  scriptRequests((_m, url) => ({
    statusCode: 200,
    data: url.includes('/me/hours')
      ? hours
      : { items: url.includes('/correction-requests') ? [] : [{ ...myShift, ...over }] },
  }));

async function typeAndSubmit(code: string) {
  const input = await waitFor(() => {
    const el = document.querySelector<HTMLInputElement>('[data-testid="checkin-code-input"] input');
    if (!el) throw new Error('no input');
    return el;
  });
  act(() => {
    input.value = code;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await act(async () => fireEvent.click(screen.getByTestId('checkin-submit')));
}

function openCheckin(kind: 'in' | 'out') {
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({
    router: { params: { shiftId: '31', kind, title: encodeURIComponent('巡河') } },
  } as never);
  return render(<CheckinPage />);
}

afterEach(() => useVolunteer.getState().reset());

describe('我的志愿 without network', () => {
  it('opens after a cold start with the shifts saved on the phone, marked 离线, with no 重试 dialog', async () => {
    signIn();
    online();
    silenceUi();
    const first = render(<MyVolunteering />);
    await screen.findByTestId('my-shift-31');
    expect(screen.queryByTestId('mine-offline')).toBeNull();
    first.unmount();
    useVolunteer.getState().reset(); // the app is closed: nothing in memory

    jest.restoreAllMocks();
    silenceUi();
    cutNetwork();
    const modal = jest.spyOn(Taro, 'showModal');
    render(<MyVolunteering />);
    const badge = await screen.findByTestId('mine-offline');
    expect(badge.textContent).toContain('离线');
    expect(screen.getByTestId('my-shift-31').textContent).toContain('签到');
    expect(modal).not.toHaveBeenCalled();
  });

  it("does not show another account's saved shifts", async () => {
    signIn('resident', '7');
    online();
    silenceUi();
    const first = render(<MyVolunteering />);
    await screen.findByTestId('my-shift-31');
    first.unmount();
    useVolunteer.getState().reset();
    signIn('resident', '8');
    cutNetwork();
    render(<MyVolunteering />);
    await screen.findByTestId('mine-offline');
    expect(screen.queryByTestId('my-shift-31')).toBeNull();
  });
});

describe('签到 and 签退 without network', () => {
  it('queues check-in and check-out at once, shows 待上传 n 条, and uploads both with their nonces when the network returns', async () => {
    signIn();
    silenceUi();
    cutNetwork();
    const modal = jest.spyOn(Taro, 'showModal');
    const inPage = openCheckin('in');
    await typeAndSubmit('vo1.31.1.codeA');
    await screen.findByTestId('checkin-queued');
    expect(screen.getByTestId('scan-queue-count').textContent).toBe('待上传 1 条');
    inPage.unmount();
    openCheckin('out');
    await typeAndSubmit('vo1.31.2.codeB');
    await screen.findByTestId('checkin-queued');
    expect(screen.getByTestId('scan-queue-count').textContent).toBe('待上传 2 条');
    expect(modal).not.toHaveBeenCalled();
    const queued = pendingScans().map((s) => s.body);
    expect(queued.map((b) => [b.kind, b.token])).toEqual([
      ['in', 'vo1.31.1.codeA'],
      ['out', 'vo1.31.2.codeB'],
    ]);

    const sent = scriptRequests((_m, _url, data) => ({
      statusCode: 200,
      data: { id: '1', kind: (data as { kind: string }).kind, duplicate: false, hours: null },
    }));
    await act(async () => networkBack());
    await waitFor(() => expect(screen.queryByTestId('scan-queue')).toBeNull());
    expect(sent.map((r) => r.data)).toEqual(queued); // same nonces and scan times
    expect(pendingScans()).toEqual([]);
  });

  it('uploads when WeChat reports the network back (onNetworkStatusChange)', async () => {
    signIn();
    silenceUi();
    let report: ((res: { isConnected: boolean }) => void) | undefined;
    jest.spyOn(Taro, 'onNetworkStatusChange').mockImplementation((cb) => {
      report = cb as typeof report;
    });
    cutNetwork();
    openCheckin('in');
    await typeAndSubmit('vo1.31.1.codeA');
    await screen.findByTestId('scan-queue-count');
    const sent = scriptRequests(() => ({ statusCode: 200, data: { id: '1', duplicate: false } }));
    await act(async () => report!({ isConnected: false }));
    expect(sent).toEqual([]);
    await act(async () => report!({ isConnected: true }));
    await waitFor(() => expect(pendingScans()).toEqual([]));
    expect(sent).toHaveLength(1);
  });

  it('shows each refusal with the server reason and what to do, keeps it until read, and keeps scans the server could not judge', async () => {
    signIn();
    const { toast } = silenceUi();
    const scan = (nonce: string, kind: 'in' | 'out') => ({
      shiftId: '31',
      kind,
      nonce,
      token: `vo1.31.1.${nonce}`,
      scannedAt: '2026-12-05T01:00:05.000Z',
    });
    queueScan(scan('scan-refused-01', 'in'), '巡河');
    queueScan(scan('scan-later-002', 'out'), '巡河');
    scriptRequests((_m, _u, data) =>
      (data as { nonce: string }).nonce === 'scan-refused-01'
        ? {
            statusCode: 400,
            data: {
              statusCode: 400,
              code: 'CHECKIN_CODE_EXPIRED',
              error: 'Bad Request',
              message: '签到码已过期，请扫描现场最新的签到码',
            },
          }
        : {
            statusCode: 429,
            data: { statusCode: 429, code: 'RATE_LIMITED', error: 'x', message: '操作太频繁' },
          },
    );
    render(<MyVolunteering />);
    const refusal = await screen.findByTestId('scan-refused');
    expect(refusal.textContent).toContain('巡河 · 签到未被接受');
    expect(refusal.textContent).toContain('签到码已过期，请扫描现场最新的签到码');
    expect(refusal.textContent).toContain('自动设置时间');
    // "too fast" is not final: that scan waits for the next chance
    expect(screen.getByTestId('scan-queue-count').textContent).toBe('待上传 1 条');
    expect(pendingScans().map((s) => s.body.nonce)).toEqual(['scan-later-002']);
    expect(toast).not.toHaveBeenCalledWith(expect.objectContaining({ title: '操作太频繁' }));

    await act(async () => fireEvent.click(screen.getByText('知道了')));
    expect(screen.queryByTestId('scan-refused')).toBeNull();
    expect(refusedScans()).toEqual([]);
  });

  it('a check-in waiting on the phone lets the volunteer check out from 我的志愿 offline', async () => {
    signIn();
    online();
    silenceUi();
    const first = render(<MyVolunteering />);
    await screen.findByTestId('my-shift-31');
    first.unmount();
    useVolunteer.getState().reset();
    cutNetwork();
    queueScan(
      { shiftId: '31', kind: 'in', nonce: 'scan-queued-in1', scannedAt: new Date().toISOString() },
      '巡河',
    );
    render(<MyVolunteering />);
    const card = await screen.findByTestId('my-shift-31');
    await waitFor(() => expect(card.textContent).toContain('已签到 · 待上传'));
    expect(screen.getByText('签退')).toBeTruthy();
  });
});

describe('现场签到码 without network (organizer)', () => {
  const secret: CheckinSecret = {
    shiftId: '31',
    secret: 'c2VjcmV0LW9mLXNoaWZ0LTMxLWZvci10aGUtdGVzdHMhIQ',
    windowSeconds: 30,
    serverTime: '', // set when answered: the phone runs 90 s behind the server
    usableUntil: new Date(Date.now() + 4 * 3600_000).toISOString(),
  };
  beforeEach(() => {
    jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({
      router: { params: { shiftId: '31', title: encodeURIComponent('巡河') } },
    } as never);
  });

  it('keeps showing valid codes minted from the secret fetched earlier, on server time', async () => {
    signIn('organizer');
    silenceUi();
    scriptRequests((_m, url) =>
      url.endsWith('/checkin-secret')
        ? {
            statusCode: 200,
            data: { ...secret, serverTime: new Date(Date.now() + 90_000).toISOString() },
          }
        : { statusCode: 500, data: {} },
    );
    const first = render(<CodePage />);
    await screen.findByTestId('code-offline-ready');
    first.unmount();

    jest.restoreAllMocks();
    silenceUi();
    jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({
      router: { params: { shiftId: '31', title: encodeURIComponent('巡河') } },
    } as never);
    const request = cutNetwork();
    render(<CodePage />);
    const token = await screen.findByTestId('checkin-token');
    // the step of the server's time now (or of a second ago, had a 30 s window just turned);
    // the phone's own clock would give a step three windows earlier
    const serverNow = Date.now() + 90_000;
    expect([
      mintOfflineCode(secret.secret, '31', serverNow).token,
      mintOfflineCode(secret.secret, '31', serverNow - 1000).token,
    ]).toContain(token.textContent);
    expect(document.querySelector('.volunteer-code__qr')?.getAttribute('src')).toMatch(
      /^data:image\/png;base64,iVBORw0KGgo/,
    );
    expect(screen.getByTestId('code-offline-ready').textContent).toContain('离线可用');
    // only the secret was asked for (and failed): no code was fetched from the server
    expect(request.mock.calls.map(([o]) => (o as { url: string }).url)).toEqual([
      expect.stringMatching(/\/shifts\/31\/checkin-secret$/),
    ]);
  });

  it('says so when the phone holds no secret and there is no network', async () => {
    signIn('organizer');
    silenceUi();
    cutNetwork();
    render(<CodePage />);
    await screen.findByText(/未保存离线签到码/);
    expect(screen.queryByTestId('checkin-token')).toBeNull();
  });
});
