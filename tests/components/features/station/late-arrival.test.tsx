// 报告晚到 on 我的预订: the guest picks a time, sends it once, and sees it afterwards; a refusal is
// shown in place; 撤回 withdraws it.
import { useState } from 'react';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Booking } from '@/contract/station';
import { LateArrival } from '@/features/station/components/late-arrival';
import { useSession } from '@/lib/session';
import { scriptRequests, silenceUi } from '../../platform';

const booking: Booking = {
  id: '41',
  stationId: '3',
  stationName: '青年人才驿站·漕河泾合作酒店',
  stationAddress: null,
  roomTypeId: '1',
  roomTypeName: '标准双床房',
  checkIn: '2026-08-03',
  checkOut: '2026-08-05',
  nights: 2,
  nightsHeld: 2,
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

function Harness() {
  const [b, setB] = useState(booking);
  return <LateArrival booking={b} onChanged={setB} />;
}

function pick(time: string) {
  // the Taro time picker (a web component in jsdom) answers its change event like the native one
  const picker = screen.getByTestId('late-arrival-time').closest('taro-picker-core')!;
  fireEvent(picker, new CustomEvent('change', { detail: { value: time } }));
}

describe('报告晚到 (features/station/components/late-arrival)', () => {
  beforeEach(() =>
    useSession.setState({
      token: 'tok',
      expiresAt: '2999-01-01T00:00:00Z',
      user: { id: '7', role: 'resident', orgIds: [], name: '林小青', profileComplete: true },
    }),
  );

  it('reports a time after midnight as the next morning, shows it, and withdraws it', async () => {
    const sent = scriptRequests((method, _url, data) => {
      if (method === 'PUT') {
        const time = (data as { time: string }).time;
        return time === '12:00'
          ? {
              statusCode: 400,
              data: {
                statusCode: 400,
                code: 'LATE_ARRIVAL_TIME_INVALID',
                error: 'Bad Request',
                message: '到达时间须在入住当晚22:00之后、次日06:00之前',
              },
            }
          : { statusCode: 200, data: { ...booking, lateArrival: time } };
      }
      return { statusCode: 200, data: { ...booking, lateArrival: null } };
    });
    silenceUi();
    render(<Harness />);
    expect(screen.getByTestId('late-arrival').textContent).toContain('报告晚到');
    fireEvent.click(screen.getByTestId('late-arrival-open'));

    pick('12:00');
    await act(async () => fireEvent.click(screen.getByTestId('late-arrival-submit')));
    expect((await screen.findByTestId('late-arrival-error')).textContent).toBe(
      '到达时间须在入住当晚22:00之后、次日06:00之前',
    );

    pick('01:30');
    expect(screen.getByTestId('late-arrival-time').textContent).toBe('预计到达：8月4日凌晨 01:30');
    await act(async () => fireEvent.click(screen.getByTestId('late-arrival-submit')));
    expect((await screen.findByTestId('late-arrival-reported')).textContent).toBe(
      '已报告晚到：预计8月4日凌晨 01:30到达',
    );
    expect(screen.getByTestId('late-arrival').textContent).toContain(
      '床位为您保留到预计到达后1小时',
    );
    expect(screen.queryByTestId('late-arrival-error')).toBeNull();

    await act(async () => fireEvent.click(screen.getByTestId('late-arrival-withdraw')));
    await waitFor(() => expect(screen.queryByTestId('late-arrival-reported')).toBeNull());
    expect(sent.map((r) => [r.method, r.url.replace(/^.*\/stations/, ''), r.data])).toEqual([
      ['PUT', '/bookings/41/late-arrival', { time: '12:00' }],
      ['PUT', '/bookings/41/late-arrival', { time: '01:30' }],
      ['DELETE', '/bookings/41/late-arrival', undefined],
    ]);
  });
});
