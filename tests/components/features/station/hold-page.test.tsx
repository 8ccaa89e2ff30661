import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Eligibility, MyBooking } from '@/contract/station';
import StationHoldPage from '@/features/station/pages/hold/index';
import { useSession } from '@/lib/session';
import { scriptRequests, silenceUi } from '../../platform';

// The server's clock is months away from the phone's: a countdown read from the phone's clock
// would show the hold long lapsed.
const SERVER_NOW = '2026-07-30T06:00:00.000Z';
const hold: MyBooking = {
  id: '41',
  stationId: '3',
  stationName: '青年人才驿站·漕河泾合作酒店',
  stationAddress: null,
  roomTypeId: '1',
  roomTypeName: '标准双床房',
  checkIn: '2026-07-31',
  checkOut: '2026-08-03',
  nights: 3,
  nightsHeld: 3,
  status: 'held',
  declaredStatus: null,
  noLocalHomeDeclared: false,
  heldUntil: '2026-07-30T06:25:00.000Z',
  rejectReason: null,
  createdAt: '2026-07-30T05:55:00.000Z',
  checkedInAt: null,
  checkedOutAt: null,
  hasProof: false,
  lateArrival: null,
  code: null,
  qrDataUrl: null,
};
const eligibility = {
  ok: true,
  requirements: {
    graduatingWithinMonths: 12,
    graduatedWithinMonths: 24,
    noLocalHomeRequired: true,
    proofRequired: false,
    holdMinutes: 30,
  },
} as Eligibility;

// the station's own check-in window, not the 14:00–22:00 the copy used to fix
const STATION_WINDOW = { checkInFrom: '13:00', checkInUntil: '21:00' };

function open(answer: (method: string, url: string, data: unknown) => unknown) {
  useSession.setState({
    token: 'tok',
    expiresAt: '2999-01-01T00:00:00Z',
    user: { id: '7', role: 'resident', orgIds: [], name: '林小青', profileComplete: true },
  });
  jest
    .spyOn(Taro, 'getCurrentInstance')
    .mockReturnValue({ router: { params: { id: '41' } } } as never);
  const redirect = jest
    .spyOn(Taro, 'redirectTo')
    .mockResolvedValue({ errMsg: 'redirectTo:ok' } as never);
  silenceUi();
  const sent = scriptRequests((method, url, data) => {
    const special = answer(method, url, data);
    if (special) return special as { statusCode: number; data: unknown };
    if (url.endsWith('/api/v1/time')) return { statusCode: 200, data: { now: SERVER_NOW } };
    if (url.includes('/stations/eligibility?stationId=3'))
      return { statusCode: 200, data: eligibility };
    if (url.endsWith('/stations/bookings/41')) return { statusCode: 200, data: hold };
    if (url.endsWith('/stations/3/rules'))
      return { statusCode: 200, data: { stationId: '3', rules: STATION_WINDOW } };
    return { statusCode: 404, data: { statusCode: 404, code: 'NOT_FOUND', message: '?' } };
  });
  render(<StationHoldPage />);
  return { sent, redirect };
}

describe('stage 2: 填写资格信息 (features/station/pages/hold)', () => {
  it('counts the 25 minutes left down on the server’s clock and books the held nights with the form', async () => {
    const { sent, redirect } = open((method, url) =>
      method === 'POST' && url.endsWith('/bookings/41/eligibility')
        ? { statusCode: 200, data: { ...hold, status: 'requested', heldUntil: null } }
        : null,
    );
    const left = await screen.findByTestId('hold-countdown');
    expect(left.textContent).toMatch(/^2[45]:\d\d$/);
    expect(document.body.textContent).toContain('床位已为你保留至 14:25');
    expect(screen.getByTestId('hold-stay').textContent).toContain(
      '7月31日 入住 → 8月3日 离店（3晚）',
    );
    // the check-in window is the station's
    expect(screen.getByTestId('check-in-window-note').textContent).toMatch(
      /^入住当天 13:00–21:00凭/,
    );
    // the station asks for the declaration
    expect(screen.getByTestId('booking-problem').textContent).toBe('请确认您在本市没有自有住房');
    fireEvent.click(screen.getByTestId('no-local-home'));
    await act(async () => fireEvent.click(screen.getByTestId('booking-submit')));
    expect(sent.find((r) => r.method === 'POST')?.data).toEqual({
      declaredStatus: 'job_seeking',
      noLocalHome: true,
    });
    expect(redirect).toHaveBeenCalledWith({ url: '/features/station/pages/mine/index' });
  });

  it('says plainly when the server finds the hold lapsed, and starts again from the calendar after giving it back', async () => {
    const { sent, redirect } = open((method, url) => {
      if (method === 'POST' && url.endsWith('/bookings/41/eligibility'))
        return {
          statusCode: 409,
          data: {
            statusCode: 409,
            code: 'STAY_HOLD_EXPIRED',
            error: 'Conflict',
            message: '保留时间已过，床位已释放，请重新选择日期',
          },
        };
      if (method === 'POST' && url.endsWith('/bookings/41/cancel'))
        return {
          statusCode: 409,
          data: {
            statusCode: 409,
            code: 'BOOKING_NOT_CANCELLABLE',
            error: 'Conflict',
            message: '该预订已无法取消',
          },
        };
      return null;
    });
    await screen.findByTestId('hold-countdown');
    fireEvent.click(screen.getByTestId('no-local-home'));
    await act(async () => fireEvent.click(screen.getByTestId('booking-submit')));
    const lapsed = await screen.findByTestId('hold-lapsed');
    expect(lapsed.textContent).toContain('保留时间已过，床位已释放');
    expect(screen.queryByTestId('eligibility-form')).toBeNull();
    await act(async () => fireEvent.click(screen.getByTestId('hold-restart')));
    expect(sent.some((r) => r.method === 'POST' && r.url.endsWith('/bookings/41/cancel'))).toBe(
      true,
    );
    expect(redirect).toHaveBeenCalledWith({
      url: '/features/station/pages/detail/index?id=3',
    });
  });

  it('shows a hold the release job has expired as lapsed, with no form', async () => {
    open((method, url) =>
      url.endsWith('/stations/bookings/41')
        ? { statusCode: 200, data: { ...hold, status: 'expired', heldUntil: null } }
        : null,
    );
    await waitFor(() => expect(screen.getByTestId('hold-lapsed')).toBeTruthy());
    expect(screen.queryByTestId('hold-countdown')).toBeNull();
    expect(screen.queryByTestId('booking-submit')).toBeNull();
  });
});
