import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Allowance, Booking, MyStation, StaffBooking } from '@/contract/station';
import StationHome from '@/features/station/pages/index/index';
import MyStationPage from '@/features/station/pages/mine/index';
import StationStaffPage from '@/features/station/pages/staff/index';
import { useSession } from '@/lib/session';
import { scriptRequests, silenceUi } from '../../platform';

const booking: Booking = {
  id: '41',
  stationId: '3',
  stationName: '青年人才驿站·漕河泾合作酒店',
  stationAddress: '上海市徐汇区宜山路889号',
  roomTypeId: '1',
  roomTypeName: '标准双床房',
  checkIn: '2026-07-30',
  checkOut: '2026-08-02',
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
};
const allowance: Allowance = {
  rule: 'nights',
  staysUsed: 1,
  windowMonths: 12,
  total: 7,
  used: 3,
  remaining: 4,
  windowStart: '2026-07-30',
  windowEnd: '2027-07-30',
};

function signIn(role: 'resident' | 'organizer', orgIds: string[] = []) {
  useSession.setState({
    token: 'tok',
    expiresAt: '2999-01-01T00:00:00Z',
    user: { id: '7', role, orgIds, name: '林小青', profileComplete: true },
  });
}

describe('我的驿站 (features/station/pages/mine)', () => {
  it('shows the booking code and the allowance, and cancels after confirmation (nights back at once)', async () => {
    signIn('resident');
    let current: MyStation = {
      upcoming: [booking],
      current: booking,
      code: 'abc.def',
      qrDataUrl: 'data:image/png;base64,AAAA',
      history: [],
      allowance,
    };
    const sent = scriptRequests((method, url) => {
      if (method === 'POST' && url.endsWith('/stations/bookings/41/cancel')) {
        current = {
          upcoming: [],
          current: null,
          code: null,
          qrDataUrl: null,
          history: [{ ...booking, status: 'cancelled', nightsHeld: 0 }],
          allowance: { ...allowance, used: 0, remaining: 7, windowStart: null, windowEnd: null },
        };
        return { statusCode: 200, data: { ...booking, status: 'cancelled', nightsHeld: 0 } };
      }
      return { statusCode: 200, data: current };
    });
    silenceUi();
    jest
      .spyOn(Taro, 'showModal')
      .mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' } as never);
    render(<MyStationPage />);
    const card = await screen.findByTestId('stay-41');
    expect(card.textContent).toContain('已通过，待入住');
    expect(card.textContent).toContain('7月30日 入住 → 8月2日 离店（3晚）');
    expect(screen.getByTestId('booking-qr')).toBeTruthy();
    expect(document.body.textContent).toContain('2027年7月30日起重新计算');

    await act(async () => fireEvent.click(screen.getByText('取消预订')));
    await waitFor(() => expect(screen.getByText('暂无进行中的预订')).toBeTruthy());
    const cancel = sent.find((r) => r.method === 'POST');
    // a JSON body, never an empty one with a JSON content type (the server refuses that)
    expect(cancel?.data).toEqual({});
    expect(screen.getByTestId('history-41').textContent).toContain('已取消');
    expect(document.body.textContent).toContain('7晚可用');
  });

  it('words the check-in window beside the code from the station’s rules, not a fixed 14:00–22:00', async () => {
    signIn('resident');
    const mine: MyStation = {
      upcoming: [booking],
      current: booking,
      code: 'abc.def',
      qrDataUrl: 'data:image/png;base64,AAAA',
      history: [],
      allowance,
    };
    const sent = scriptRequests((_method, url) =>
      url.endsWith('/stations/3/rules')
        ? {
            statusCode: 200,
            data: { stationId: '3', rules: { checkInFrom: '15:00', checkInUntil: '23:30' } },
          }
        : { statusCode: 200, data: mine },
    );
    silenceUi();
    render(<MyStationPage />);
    await waitFor(() =>
      expect(screen.getByTestId('check-in-window-note').textContent).toBe(
        '入住当天 15:00–23:30向前台出示此码和身份证',
      ),
    );
    expect(sent.some((r) => r.url.endsWith('/stations/3/rules'))).toBe(true);
  });

  it('shows no check-in code while the stay awaits approval (待审核)', async () => {
    signIn('resident');
    const requested: MyStation = {
      upcoming: [{ ...booking, status: 'requested' }],
      current: { ...booking, status: 'requested' },
      code: null,
      qrDataUrl: null,
      history: [],
      allowance,
    };
    scriptRequests(() => ({ statusCode: 200, data: requested }));
    render(<MyStationPage />);
    const card = await screen.findByTestId('stay-41');
    expect(card.textContent).toContain('驿站审核通过后，这里会显示入住码');
    expect(screen.queryByTestId('booking-qr')).toBeNull();
  });

  it('lists two stays at two stations, the code on the nearest; each can be cancelled on its own', async () => {
    signIn('resident');
    const second: Booking = {
      ...booking,
      id: '42',
      stationId: '4',
      stationName: '青年人才驿站·半马苏河合作公寓',
      checkIn: '2026-08-02',
      checkOut: '2026-08-04',
      nights: 2,
      nightsHeld: 2,
      status: 'requested',
    };
    const two: MyStation = {
      upcoming: [booking, second],
      current: booking,
      code: 'abc.def',
      qrDataUrl: 'data:image/png;base64,AAAA',
      history: [],
      allowance: { ...allowance, used: 5, remaining: 2 },
    };
    const sent = scriptRequests((method) =>
      method === 'POST'
        ? { statusCode: 200, data: { ...second, status: 'cancelled', nightsHeld: 0 } }
        : { statusCode: 200, data: two },
    );
    silenceUi();
    jest
      .spyOn(Taro, 'showModal')
      .mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' } as never);
    render(<MyStationPage />);
    const first = await screen.findByTestId('stay-41');
    const next = screen.getByTestId('stay-42');
    expect(document.body.textContent).toContain('我的预订（2）');
    expect(first.textContent).toContain('漕河泾');
    expect(first.querySelector('[data-testid="booking-qr"]')).toBeTruthy();
    expect(next.textContent).toContain('半马苏河');
    expect(next.textContent).toContain('8月2日 入住 → 8月4日 离店（2晚）');
    expect(next.querySelector('[data-testid="booking-qr"]')).toBeNull();
    expect(screen.getByText('再订一段（可换驿站）')).toBeTruthy();

    await act(async () => fireEvent.click(next.querySelector('.my-station__cancel')!));
    await waitFor(() =>
      expect(sent.some((r) => r.method === 'POST' && r.url.endsWith('/bookings/42/cancel'))).toBe(
        true,
      ),
    );
  });
});

describe('我的驿站: a hold whose form is not sent yet', () => {
  it('says the beds are held and leads back to the form, with no code and no 修改日期', async () => {
    signIn('resident');
    const held: Booking = {
      ...booking,
      status: 'held',
      declaredStatus: null,
      heldUntil: '2026-07-30T02:30:00.000Z',
    };
    scriptRequests(() => ({
      statusCode: 200,
      data: {
        upcoming: [held],
        current: held,
        code: null,
        qrDataUrl: null,
        history: [],
        allowance,
      } satisfies MyStation,
    }));
    const { navigate } = silenceUi();
    render(<MyStationPage />);
    const card = await screen.findByTestId('stay-41');
    expect(card.textContent).toContain('填写资格信息中');
    expect(screen.queryByTestId('open-41')).toBeNull();
    expect(card.querySelector('[data-testid="booking-qr"]')).toBeNull();
    fireEvent.click(screen.getByTestId('continue-41'));
    expect(navigate).toHaveBeenCalledWith({ url: '/features/station/pages/hold/index?id=41' });
    // a hold can be given up like a request
    expect(card.querySelector('.my-station__cancel')).toBeTruthy();
  });
});

describe('驿站工作台 (features/station/pages/staff)', () => {
  const pending: StaffBooking = {
    ...booking,
    status: 'requested',
    residentName: '林小青',
    phoneMasked: '139****5678',
    idNumberMasked: '310104********1236',
    age: 26,
    gender: 'male',
  };

  it('is closed to residents', async () => {
    signIn('resident');
    scriptRequests(() => ({ statusCode: 200, data: { items: [] } }));
    silenceUi();
    render(<StationStaffPage />);
    expect(screen.getByText('仅限组织者使用')).toBeTruthy();
  });

  it("lists requests of the staff member's own station and approves one; 不通过 needs a reason", async () => {
    signIn('organizer', ['3']);
    let approved = false;
    const sent = scriptRequests((method, url) => {
      if (url.endsWith('/api/v1/stations'))
        return {
          statusCode: 200,
          data: {
            items: [
              { id: '3', name: '青年人才驿站·漕河泾合作酒店', roomTypes: [], freeThisWeek: [] },
              { id: '4', name: '青年人才驿站·半马苏河合作公寓', roomTypes: [], freeThisWeek: [] },
            ],
          },
        };
      if (method === 'POST' && url.endsWith('/bookings/41/approve')) {
        approved = true;
        return { statusCode: 200, data: { ...pending, status: 'approved' } };
      }
      if (url.includes('/staff/bookings'))
        return { statusCode: 200, data: { items: approved ? [] : [pending] } };
      if (url.includes('/staff/occupancy'))
        return {
          statusCode: 200,
          data: { from: '2026-07-30', to: '2026-09-10', roomTypes: [], nights: [] },
        };
      return {
        statusCode: 404,
        data: {
          statusCode: 404,
          code: 'NOT_FOUND',
          error: 'Not Found',
          message: '请求的内容不存在',
        },
      };
    });
    silenceUi();
    render(<StationStaffPage />);
    const item = await screen.findByTestId('staff-booking-41');
    expect(item.textContent).toContain('139****5678');
    expect(document.body.textContent).not.toContain('半马苏河');
    expect(sent.some((r) => r.url.includes('/stations/3/staff/bookings?status=requested'))).toBe(
      true,
    );
    expect(screen.getByText('不通过').closest('taro-button-core')?.hasAttribute('disabled')).toBe(
      true,
    );

    await act(async () => fireEvent.click(screen.getByTestId('approve-41')));
    await waitFor(() => expect(screen.queryByTestId('staff-booking-41')).toBeNull());
    expect(sent.find((r) => r.method === 'POST')?.data).toEqual({});
  });

  it('shows a reported late arrival; a scan refused after 22:00 asks for a reason and sends it', async () => {
    signIn('organizer', ['3']);
    const approved: StaffBooking = { ...pending, status: 'approved', lateArrival: '00:40' };
    const sent = scriptRequests((method, url, data) => {
      if (url.endsWith('/api/v1/stations'))
        return {
          statusCode: 200,
          data: {
            items: [
              { id: '3', name: '青年人才驿站·漕河泾合作酒店', roomTypes: [], freeThisWeek: [] },
            ],
          },
        };
      if (method === 'POST' && url.endsWith('/scan/check-in'))
        return (data as { reason?: string }).reason
          ? { statusCode: 200, data: { ...approved, status: 'checked_in' } }
          : {
              statusCode: 409,
              data: {
                statusCode: 409,
                code: 'CHECKIN_WINDOW_CLOSED',
                error: 'Conflict',
                message: '只能在入住当天（2026-07-30）14:00–22:00办理入住',
              },
            };
      if (url.includes('/staff/bookings')) return { statusCode: 200, data: { items: [approved] } };
      if (url.includes('/staff/occupancy'))
        return {
          statusCode: 200,
          data: { from: '2026-07-30', to: '2026-09-10', roomTypes: [], nights: [] },
        };
      return {
        statusCode: 404,
        data: { statusCode: 404, code: 'NOT_FOUND', error: 'Not Found', message: '未找到' },
      };
    });
    silenceUi();
    render(<StationStaffPage />);
    // after midnight is the next morning
    expect((await screen.findByTestId('late-41')).textContent).toBe(
      '已报告晚到：预计 7月31日凌晨 00:40 到达',
    );

    const type = async (selector: string, value: string) => {
      const input = await waitFor(() => {
        const found = document.querySelector<HTMLInputElement>(`${selector} input`);
        if (!found) throw new Error(`no input ${selector}`);
        return found;
      });
      act(() => {
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
    };
    await type('#station-scan-code', 'abc.def');
    await act(async () => fireEvent.click(screen.getByTestId('scan-submit')));
    await screen.findByTestId('late-checkin');
    const submit = () => screen.getByTestId('late-checkin-submit');
    expect(submit().hasAttribute('disabled')).toBe(true);
    await type('#late-checkin-reason', '  高铁晚点，已报告晚到 ');
    expect(submit().hasAttribute('disabled')).toBe(false);
    await act(async () => fireEvent.click(submit()));
    await waitFor(() => expect(screen.queryByTestId('late-checkin')).toBeNull());
    expect(sent.filter((r) => r.method === 'POST').map((r) => r.data)).toEqual([
      { code: 'abc.def' },
      { code: 'abc.def', reason: '高铁晚点，已报告晚到' },
    ]);
  });
});

describe('青年驿站 home (features/station/pages/index)', () => {
  it("states the district's current rules, not a fixed 18–35 / 7 nights", async () => {
    signIn('resident');
    scriptRequests((method, url) =>
      url.endsWith('/stations/settings')
        ? {
            statusCode: 200,
            data: {
              minAge: 16,
              maxAge: 40,
              allowanceRule: 'nights',
              allowanceNights: 10,
              allowanceWindowMonths: 12,
              maxNightsPerStay: 5,
              checkInFrom: '14:00',
              checkInUntil: '22:00',
            },
          }
        : { statusCode: 200, data: { items: [] } },
    );
    render(<StationHome />);
    expect((await screen.findByTestId('station-tagline')).textContent).toBe(
      '来区求职的 16–40 周岁青年，免费入住，每年最多 10 晚',
    );
    expect(screen.getAllByTestId('station-fact').map((f) => f.textContent)).toEqual([
      '· 16–40 周岁，来区求职或新就业',
      '· 每次最多 5 晚，12 个月内累计 10 晚，可分段住在不同驿站',
      '· 入住当天 14:00–22:00 凭码办理',
    ]);
  });
});
