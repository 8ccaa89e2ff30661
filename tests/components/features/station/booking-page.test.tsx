import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type {
  Booking,
  CalendarNight,
  Eligibility,
  MyBooking,
  Settings,
  StationDetail,
  StationRules,
} from '@/contract/station';
import { addDays } from '@/contract/beijing-time';
import MyBookingPage from '@/features/station/pages/booking/index';
import { useSession } from '@/lib/session';
import { scriptRequests, silenceUi } from '../../platform';

const booking: MyBooking = {
  id: '41',
  stationId: '3',
  stationName: '青年人才驿站·漕河泾合作酒店',
  stationAddress: '上海市徐汇区宜山路889号',
  roomTypeId: '1',
  roomTypeName: '标准双床房',
  checkIn: '2026-08-03',
  checkOut: '2026-08-06',
  nights: 3,
  nightsHeld: 3,
  status: 'approved',
  declaredStatus: 'job_seeking',
  rejectReason: null,
  createdAt: '2026-07-30T02:00:00.000Z',
  checkedInAt: null,
  checkedOutAt: null,
  hasProof: false,
  noLocalHomeDeclared: true,
  heldUntil: null,
  lateArrival: null,
  code: 'abc.def',
  qrDataUrl: 'data:image/png;base64,AAAA',
};
const settings: Settings = {
  minAge: 18,
  maxAge: 35,
  maxNightsPerStay: 7,
  allowanceRule: 'nights',
  allowanceNights: 7,
  allowanceWindowMonths: 12,
  graduatingWithinMonths: 12,
  graduatedWithinMonths: 24,
  noLocalHomeRequired: true,
  proofRequired: false,
  holdMinutes: 30,
  reviewWorkingDays: 3,
  autoApprove: false,
  horizonDays: 42,
  checkInFrom: '14:00',
  checkInUntil: '22:00',
};
const rules: StationRules = {
  stationId: '3',
  rules: settings,
  defaults: settings,
  overrides: {
    autoApprove: null,
    allowanceRule: null,
    allowanceNights: null,
    maxNightsPerStay: null,
    graduatingWithinMonths: null,
    graduatedWithinMonths: null,
    noLocalHomeRequired: null,
    proofRequired: null,
  },
};
// 3 weeks from 30 July: the guest holds 3–5 Aug; 5 Aug has no other bed left; 10 Aug is full
const nights: CalendarNight[] = Array.from({ length: 21 }, (_, i) => {
  const night = addDays('2026-07-30', i);
  const free = night === '2026-08-05' || night === '2026-08-10' ? 0 : 6;
  return { night, roomTypeId: '1', beds: 8, taken: 8 - free, free, closed: false };
});
const detail = {
  station: { id: '3', name: booking.stationName, roomTypes: [] },
  from: '2026-07-30',
  to: '2026-08-20',
  nights,
} as unknown as StationDetail;
const eligibility = {
  ok: true,
  allowance: { rule: 'nights', total: 7, used: 3, remaining: 4, staysUsed: 1, windowMonths: 12 },
} as unknown as Eligibility;

function renderPage(onChange: (data: unknown) => { statusCode: number; data: unknown }) {
  useSession.setState({
    token: 'tok',
    expiresAt: '2999-01-01T00:00:00Z',
    user: { id: '7', role: 'resident', orgIds: [], name: '林小青', profileComplete: true },
  });
  jest
    .spyOn(Taro, 'getCurrentInstance')
    .mockReturnValue({ router: { params: { id: '41' } } } as never);
  let current: MyBooking = booking;
  const sent = scriptRequests((method, url, data) => {
    if (method === 'POST' && url.endsWith('/bookings/41/dates')) {
      const reply = onChange(data);
      if (reply.statusCode === 200) current = reply.data as MyBooking;
      return reply;
    }
    if (url.endsWith('/bookings/41')) return { statusCode: 200, data: current };
    if (url.endsWith('/stations/3/rules')) return { statusCode: 200, data: rules };
    if (url.includes('/stations/eligibility')) return { statusCode: 200, data: eligibility };
    if (url.includes('/stations/3')) return { statusCode: 200, data: detail };
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: '未找到' } };
  });
  silenceUi();
  render(<MyBookingPage />);
  return sent;
}

describe('我的预订 · 修改日期 (features/station/pages/booking)', () => {
  it("moves an approved stay by two days: the calendar counts the guest's own beds, says it will be reviewed again, and sends the new dates once", async () => {
    const moved: Booking = {
      ...booking,
      checkIn: '2026-08-05',
      checkOut: '2026-08-08',
      status: 'requested',
    };
    const sent = renderPage(() => ({
      statusCode: 200,
      data: { ...moved, code: null, qrDataUrl: null },
    }));
    expect((await screen.findByTestId('booking-dates')).textContent).toContain(
      '8月3日 入住 → 8月6日 离店（3晚）',
    );
    expect(screen.getByTestId('booking-qr')).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByText('修改日期')));
    await screen.findByTestId('change-dates');
    // 5 Aug has no other bed, but the guest holds one there now
    expect(screen.getByTestId('night-2026-08-05').textContent).toContain('余1');
    expect(screen.getByTestId('review-again').textContent).toContain('改期后将重新审核');
    // unchanged dates: nothing to send yet
    expect(screen.getByTestId('change-submit').hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByTestId('night-2026-08-05'));
    expect(screen.getByTestId('change-summary').textContent).toContain(
      '新日期：8月5日（周三）→ 8月8日（周六），3晚',
    );
    await act(async () => fireEvent.click(screen.getByTestId('change-submit')));
    await waitFor(() => expect(screen.queryByTestId('change-dates')).toBeNull());
    const posts = sent.filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.data)).toEqual([{ checkIn: '2026-08-05', nights: 3 }]);
    expect(posts[0].header['Idempotency-Key'] ?? posts[0].header['idempotency-key']).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByTestId('booking-dates').textContent).toContain('8月5日 入住 → 8月8日'),
    );
    expect(screen.queryByTestId('booking-qr')).toBeNull();
    expect(screen.getByText('待审核')).toBeTruthy();
  });

  it("says a full night before sending, caps the nights at the allowance, and shows the server's refusal", async () => {
    const sent = renderPage(() => ({
      statusCode: 409,
      data: {
        statusCode: 409,
        code: 'STAY_OVERLAPS',
        error: 'Conflict',
        message: '与您8月8日–8月10日在青年人才驿站·半马苏河合作公寓的预订重叠，请换个日期',
      },
    }));
    const open = await screen.findByText('修改日期');
    await act(async () => fireEvent.click(open));
    await screen.findByTestId('change-dates');
    fireEvent.click(screen.getByTestId('night-2026-08-08'));
    // 3 held + 4 left = 7 nights at most
    for (let i = 0; i < 6; i++) fireEvent.click(screen.getByTestId('nights-plus'));
    expect(screen.getByTestId('nights-count').textContent).toBe('7晚');
    expect(screen.getByTestId('change-problem').textContent).toBe(
      '8月10日标准双床房已满，请换个日期',
    );
    expect(screen.getByTestId('change-submit').hasAttribute('disabled')).toBe(true);
    for (let i = 0; i < 5; i++) fireEvent.click(screen.getByTestId('nights-minus'));
    expect(screen.queryByTestId('change-problem')).toBeNull();
    await act(async () => fireEvent.click(screen.getByTestId('change-submit')));
    expect((await screen.findByTestId('change-error')).textContent).toContain('预订重叠');
    // the old dates are kept, the picker stays open to choose again
    expect(screen.getByTestId('booking-dates').textContent).toContain('8月3日 入住');
    expect(screen.getByTestId('change-dates')).toBeTruthy();
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('a failed load says so with 重试, and loads on 重试', async () => {
    useSession.setState({
      token: 'tok',
      expiresAt: '2999-01-01T00:00:00Z',
      user: { id: '7', role: 'resident', orgIds: [], name: '林小青', profileComplete: true },
    });
    jest
      .spyOn(Taro, 'getCurrentInstance')
      .mockReturnValue({ router: { params: { id: '41' } } } as never);
    let answer: { statusCode: number; data: unknown } = {
      statusCode: 500,
      data: { statusCode: 500, code: 'INTERNAL', error: 'Internal', message: '服务器开小差了' },
    };
    scriptRequests(() => answer);
    silenceUi();
    render(<MyBookingPage />);
    expect((await screen.findByTestId('load-failed')).textContent).toContain('加载失败');
    answer = { statusCode: 200, data: booking };
    await act(async () => fireEvent.click(screen.getByTestId('load-retry')));
    expect((await screen.findByTestId('booking-dates')).textContent).toContain('8月3日 入住');
  });

  it('a booking that is not there (404) reads 未找到该预订, without 重试', async () => {
    useSession.setState({
      token: 'tok',
      expiresAt: '2999-01-01T00:00:00Z',
      user: { id: '7', role: 'resident', orgIds: [], name: '林小青', profileComplete: true },
    });
    jest
      .spyOn(Taro, 'getCurrentInstance')
      .mockReturnValue({ router: { params: { id: '41' } } } as never);
    scriptRequests(() => ({
      statusCode: 404,
      data: {
        statusCode: 404,
        code: 'BOOKING_NOT_FOUND',
        error: 'Not Found',
        message: '未找到该预订',
      },
    }));
    silenceUi();
    render(<MyBookingPage />);
    await screen.findByText('未找到该预订');
    expect(screen.queryByTestId('load-retry')).toBeNull();
  });
});
