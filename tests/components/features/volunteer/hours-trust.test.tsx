// The UI of hours that cannot be forged: the phone leaves dating a live scan to the server; the
// roster says how each row was checked in and confirms the shift in one tap; a barred volunteer
// sees why and can appeal; a volunteer asks for a correction with a reason.
import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Hours, RosterEntry } from '@/contract/volunteer';
import CheckinPage from '@/features/volunteer/pages/checkin/index';
import MyVolunteering from '@/features/volunteer/pages/mine/index';
import { Roster } from '@/features/volunteer/components/roster';
import { useVolunteer } from '@/features/volunteer/store';
import { useSession } from '@/lib/session';
import { scriptRequests, silenceUi } from '../../platform';

function signIn(role: 'resident' | 'organizer' = 'resident') {
  useSession.setState({
    token: 'tok',
    expiresAt: '2999-01-01T00:00:00Z',
    user: { id: '7', role, orgIds: ['9'], name: '林小青', profileComplete: true },
  });
}
afterEach(() => useVolunteer.getState().reset());

const row = (over: Partial<RosterEntry>): RosterEntry => ({
  signupId: '1',
  userId: '5',
  name: '林小青',
  phoneMasked: '139****0001',
  checkedInAt: '2026-12-05T00:55:00.000Z',
  checkedOutAt: '2026-12-05T03:20:00.000Z',
  offline: false,
  proof: 'code',
  awaitingConfirmation: true,
  pendingHours: 2.5,
  hours: 0,
  voided: false,
  ...over,
});

const inputs = (selector: string, n = 1) =>
  waitFor(() => {
    const found = Array.from(document.querySelectorAll<HTMLInputElement>(selector));
    if (found.length < n) throw new Error(`no ${selector}`);
    return found;
  });

function typeInto(input: HTMLInputElement, value: string) {
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('签到: a live scan is dated by the server', () => {
  it('sends no scan time with a scan uploaded at once, and says the hours wait for the organizer', async () => {
    signIn();
    jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({
      router: { params: { shiftId: '31', kind: 'out', title: 'river' } },
    } as never);
    const sent = scriptRequests(() => ({
      statusCode: 200,
      data: {
        id: '2',
        signupId: '77',
        kind: 'out',
        method: 'code',
        scannedAt: '2026-12-05T03:20:00.000Z',
        offline: false,
        distanceM: null,
        proof: 'code',
        duplicate: false,
        hours: 2.5,
        awaitingConfirmation: true,
      },
    }));
    silenceUi();
    render(<CheckinPage />);
    const [input] = await inputs('[data-testid="checkin-code-input"] input');
    typeInto(input, 'live.code');
    await act(async () => fireEvent.click(screen.getByTestId('checkin-submit')));
    await waitFor(() =>
      expect(screen.getByTestId('checkin-ok').textContent).toContain(
        '本次 2.5 小时，组织方确认后计入志愿时长',
      ),
    );
    expect(sent[0].data).not.toHaveProperty('scannedAt');
  });
});

describe('名单与时长 (Roster)', () => {
  it('labels each row by how it was checked in and confirms the code-proven rows in one tap', async () => {
    signIn('organizer');
    const items = [
      row({ signupId: '1', proof: 'code' }),
      row({ signupId: '2', proof: 'code_gps', name: '王小河' }),
      row({ signupId: '3', proof: 'gps_flagged', name: '赵定位' }),
      row({ signupId: '4', proof: 'offline', offline: true, name: '钱离线' }),
    ];
    const sent = scriptRequests((method) =>
      method === 'POST'
        ? { statusCode: 200, data: { confirmed: 3, hours: 7.5, leftForReview: 1 } }
        : { statusCode: 200, data: { items } },
    );
    const { toast } = silenceUi();
    render(<Roster shiftId="31" />);
    const roster = await screen.findByTestId('roster-31');
    for (const label of ['扫码', '扫码+定位', '仅定位·待核实', '离线扫码'])
      expect(roster.textContent).toContain(label);
    expect(document.querySelector('.roster__proof--gps_flagged')?.textContent).toContain(
      '仅定位·待核实',
    );
    expect(screen.getByText('核实后确认')).toBeTruthy();
    const tap = screen.getByTestId('confirm-shift-31');
    expect(tap.textContent).toBe('一键确认 3 人的时长');
    await act(async () => fireEvent.click(tap));
    expect(sent.find((r) => r.method === 'POST')?.url).toMatch(
      /\/api\/v1\/volunteer\/shifts\/31\/hours\/confirm$/,
    );
    await waitFor(() =>
      expect(toast).toHaveBeenCalledWith(
        expect.objectContaining({ title: '已确认 3 人共 7.5 小时，1 人待逐一核实' }),
      ),
    );
  });
});

describe('我的志愿: the bar, the appeal, a correction', () => {
  const hours: Hours = {
    totalHours: 2,
    entries: [
      {
        id: '1',
        kind: 'attendance',
        hours: 2,
        minutes: 120,
        reason: null,
        title: '苏州河巡河',
        signupId: '77',
        requestId: null,
        createdAt: '2026-12-05T03:20:00.000Z',
      },
    ],
    standing: { voids: 2, barred: true, appeal: null },
  };

  it('tells a barred volunteer why and sends the appeal; asks for a correction with the total and the reason', async () => {
    signIn();
    const sent = scriptRequests((method, url) => {
      if (method === 'POST') return { statusCode: 201, data: {} };
      if (url.includes('/me/hours')) return { statusCode: 200, data: hours };
      return { statusCode: 200, data: { items: [] } };
    });
    silenceUi();
    render(<MyVolunteering />);
    const card = await screen.findByTestId('standing-barred');
    expect(card.textContent).toContain('您有 2 次志愿时长经组织方核实为造假并作废');
    // the appeal form renders with the card's second pass (slow machines see the card first)
    await waitFor(() => expect(card.querySelector('textarea')).not.toBeNull());
    const reason = card.querySelector('textarea')!;
    act(() => {
      fireEvent.input(reason, { target: { value: '第二次是帮队长代签，已知错' } });
    });
    await act(async () => fireEvent.click(screen.getByText('提交申诉')));
    await waitFor(() =>
      expect(sent.find((r) => r.method === 'POST' && r.url.endsWith('/appeals'))?.data).toEqual({
        reason: '第二次是帮队长代签，已知错',
      }),
    );

    await act(async () => fireEvent.click(screen.getByText('时长有误？申请更正')));
    const [total, why] = await inputs('.correction-ask__form input', 2);
    typeInto(total, '2.5');
    typeInto(why, '队长可证明延长半小时');
    await act(async () => fireEvent.click(screen.getByText('提交')));
    await waitFor(() =>
      expect(sent.find((r) => r.url.endsWith('/signups/77/correction-requests'))?.data).toEqual({
        hours: 2.5,
        reason: '队长可证明延长半小时',
      }),
    );
  });
});
