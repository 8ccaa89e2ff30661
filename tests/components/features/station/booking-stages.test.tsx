import { act, fireEvent, render, screen } from '@testing-library/react';
import type { CalendarNight, Eligibility, StationDetail } from '@/contract/station';
import { addDays } from '@/contract/beijing-time';
import { EligibilityForm } from '@/features/station/components/eligibility-form';
import { StayPicker } from '@/features/station/components/stay-picker';
import { NightCalendar } from '@/features/station/components/night-calendar';

const FROM = '2026-07-30';
const ROOMS = [
  { id: '1', code: 'twin', name: '标准双床房', gender: 'any' as const, beds: 80 },
  { id: '3', code: 'quad-f', name: '四人间（女）', gender: 'female' as const, beds: 16 },
];

function nightsFor(
  roomTypeId: string,
  free: (night: string) => number,
  closed: string[] = [],
): CalendarNight[] {
  return Array.from({ length: 42 }, (_, i) => {
    const night = addDays(FROM, i);
    const f = free(night);
    return {
      night,
      roomTypeId,
      beds: 80,
      taken: 80 - f,
      free: closed.includes(night) ? 0 : f,
      closed: closed.includes(night),
    };
  });
}

const detail = (nights: CalendarNight[]): StationDetail => ({
  from: FROM,
  to: addDays(FROM, 42),
  nights,
  station: {
    id: '3',
    name: '青年人才驿站·漕河泾合作酒店',
    district: '徐汇区',
    address: '上海市徐汇区宜山路889号',
    summary: null,
    partner: 'hotel',
    photos: [],
    rules: [],
    contact: null,
    mapUrl: null,
    latitude: null,
    longitude: null,
    totalBeds: 96,
    freeThisWeek: [],
    roomTypes: ROOMS,
  },
});

const eligible = (remaining = 7): Eligibility => ({
  ok: true,
  code: null,
  reason: null,
  age: 26,
  gender: 'male',
  maxNightsPerStay: 7,
  hasActiveBooking: false,
  allowance: {
    rule: 'nights',
    total: 7,
    used: 7 - remaining,
    remaining,
    staysUsed: remaining < 7 ? 1 : 0,
    windowMonths: 12,
    windowStart: null,
    windowEnd: null,
  },
  requirements: {
    graduatingWithinMonths: 12,
    graduatedWithinMonths: 24,
    noLocalHomeRequired: false,
    proofRequired: false,
    holdMinutes: 30,
  },
});

describe('NightCalendar', () => {
  it('shows free beds per night, marks full and closed nights, and highlights the stay without the check-out day', () => {
    const onPick = jest.fn();
    const nights = nightsFor('1', (n) => (n === '2026-08-02' ? 0 : 5), ['2026-08-03']);
    render(<NightCalendar nights={nights} checkIn="2026-07-30" nightCount={3} onPick={onPick} />);
    expect(screen.getByTestId('night-2026-07-30').textContent).toBe('30余5');
    expect(screen.getByTestId('night-2026-08-01').textContent).toBe('8月余5');
    expect(screen.getByTestId('night-2026-08-02').textContent).toContain('满');
    expect(screen.getByTestId('night-2026-08-03').textContent).toContain('停用');
    const stay = ['2026-07-30', '2026-07-31', '2026-08-01', '2026-08-02'].map((n) =>
      screen.getByTestId(`night-${n}`).className.includes('--stay'),
    );
    expect(stay).toEqual([true, true, true, false]);
    fireEvent.click(screen.getByTestId('night-2026-08-02'));
    fireEvent.click(screen.getByTestId('night-2026-08-03'));
    expect(onPick).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('night-2026-08-05'));
    expect(onPick).toHaveBeenCalledWith('2026-08-05');
  });
});

describe('StayPicker (stage 1: the stay to hold)', () => {
  it('holds 3 nights across the month end: the summary counts nights, not days, and the body is what the API expects', async () => {
    const onSubmit = jest.fn().mockResolvedValue(undefined);
    render(
      <StayPicker
        detail={detail(nightsFor('1', () => 10))}
        eligibility={eligible()}
        onSubmit={onSubmit}
      />,
    );
    expect(screen.getByTestId('booking-problem').textContent).toContain('点选入住日期');
    expect(screen.getByTestId('hold-note').textContent).toContain('床位为你保留 30 分钟');
    fireEvent.click(screen.getByTestId('night-2026-07-30'));
    fireEvent.click(screen.getByTestId('nights-plus'));
    fireEvent.click(screen.getByTestId('nights-plus'));
    expect(screen.getByTestId('booking-summary').textContent).toContain(
      '7月30日（周四）入住 → 8月2日（周日）离店，共3晚',
    );
    await act(async () => fireEvent.click(screen.getByTestId('hold-submit')));
    expect(onSubmit).toHaveBeenCalledWith({ roomTypeId: '1', checkIn: '2026-07-30', nights: 3 });
  });

  it('says which night is full before anything is sent', async () => {
    const onSubmit = jest.fn();
    render(
      <StayPicker
        detail={detail(nightsFor('1', (n) => (n === '2026-08-01' ? 0 : 4)))}
        eligibility={eligible()}
        onSubmit={onSubmit}
      />,
    );
    fireEvent.click(screen.getByTestId('night-2026-07-31'));
    fireEvent.click(screen.getByTestId('nights-plus'));
    expect(screen.getByTestId('booking-problem').textContent).toBe(
      '8月1日该房型已满，请换个日期或房型',
    );
    await act(async () => fireEvent.click(screen.getByTestId('hold-submit')));
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('never goes above the allowance left, and blocks a room type of the other gender', () => {
    render(
      <StayPicker
        detail={detail(nightsFor('1', () => 10))}
        eligibility={eligible(2)}
        onSubmit={jest.fn()}
      />,
    );
    for (let i = 0; i < 5; i++) fireEvent.click(screen.getByTestId('nights-plus'));
    expect(screen.getByTestId('nights-count').textContent).toBe('2晚');
    expect(screen.getByTestId('room-quad-f').className).toContain('--off');
    fireEvent.click(screen.getByTestId('room-quad-f'));
    expect(screen.getByTestId('room-twin').className).toContain('--on');
  });
});

describe('EligibilityForm (stage 2: the form for the held nights)', () => {
  const needs = (more: Partial<Eligibility['requirements']> = {}) => ({
    ...eligible().requirements,
    ...more,
  });

  it('sends the declared status alone where the station asks for nothing more', async () => {
    const onSubmit = jest.fn().mockResolvedValue(undefined);
    render(
      <EligibilityForm requirements={needs()} open onSubmit={onSubmit} checkInWindow={null} />,
    );
    expect(screen.queryByTestId('booking-problem')).toBeNull();
    await act(async () => fireEvent.click(screen.getByTestId('booking-submit')));
    expect(onSubmit).toHaveBeenCalledWith({ declaredStatus: 'job_seeking' });
  });

  it('asks a graduating student for the graduation date, with the window from the settings', async () => {
    const onSubmit = jest.fn().mockResolvedValue(undefined);
    render(
      <EligibilityForm requirements={needs()} open onSubmit={onSubmit} checkInWindow={null} />,
    );
    fireEvent.click(screen.getByTestId('status-graduating'));
    expect(screen.getByTestId('booking-problem').textContent).toContain('毕业日期');
    expect(screen.getByTestId('graduation-window').textContent).toBe(
      '毕业前 12 个月至毕业后 24 个月内可申请',
    );
  });

  it('where the station asks for them, waits for the declaration and the proof', async () => {
    const onSubmit = jest.fn().mockResolvedValue(undefined);
    render(
      <EligibilityForm
        requirements={needs({ noLocalHomeRequired: true, proofRequired: true })}
        open
        onSubmit={onSubmit}
        checkInWindow={null}
      />,
    );
    expect(screen.getByTestId('booking-problem').textContent).toBe('请确认您在本市没有自有住房');
    fireEvent.click(screen.getByTestId('no-local-home'));
    expect(screen.getByTestId('booking-problem').textContent).toBe('请上传证明材料');
    expect(screen.getByText(/证明材料（必填）/)).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByTestId('booking-submit')));
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends the declaration where the station asks for it', async () => {
    const onSubmit = jest.fn().mockResolvedValue(undefined);
    render(
      <EligibilityForm
        requirements={needs({ noLocalHomeRequired: true })}
        open
        onSubmit={onSubmit}
        checkInWindow={null}
      />,
    );
    fireEvent.click(screen.getByTestId('no-local-home'));
    await act(async () => fireEvent.click(screen.getByTestId('booking-submit')));
    expect(onSubmit).toHaveBeenCalledWith({ declaredStatus: 'job_seeking', noLocalHome: true });
  });

  it('words the check-in window from the station’s rules, and no hours while they are unknown', () => {
    const { unmount } = render(
      <EligibilityForm
        requirements={needs()}
        open
        onSubmit={jest.fn()}
        checkInWindow={{ checkInFrom: '15:00', checkInUntil: '23:00' }}
      />,
    );
    expect(screen.getByTestId('check-in-window-note').textContent).toMatch(
      /^入住当天 15:00–23:00凭“我的驿站”/,
    );
    unmount();
    render(
      <EligibilityForm requirements={needs()} open onSubmit={jest.fn()} checkInWindow={null} />,
    );
    const note = screen.getByTestId('check-in-window-note').textContent!;
    expect(note).toMatch(/^入住当天凭/);
    expect(note).not.toMatch(/\d\d:\d\d/);
  });

  it('sends nothing once the hold has lapsed', async () => {
    const onSubmit = jest.fn();
    render(
      <EligibilityForm
        requirements={needs()}
        open={false}
        onSubmit={onSubmit}
        checkInWindow={null}
      />,
    );
    await act(async () => fireEvent.click(screen.getByTestId('booking-submit')));
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
