// H5 check-in in 我的夜校: no scanner in a browser, so the student picks the course (the one
// meeting today is preselected, by the server's date) and types the 6 digits shown beside the QR.
import { act, fireEvent, render, screen } from '@testing-library/react';
import type { MyApplication } from '@/contract/night-school';
import MyNightSchoolPage from '@/features/night-school/pages/mine/index';
import { useNightSchool } from '@/features/night-school/store';
import { useSession } from '@/lib/session';
import { silenceUi } from '../../platform';
import { until } from './until';
import { course, scriptNightSchool } from './fixtures';

const seat = (id: string, over: Parameters<typeof course>[0]): MyApplication => ({
  application: {
    id: `5${id}`,
    courseId: id,
    termId: '1',
    status: 'confirmed',
    reason: null,
    waitPosition: null,
    offerExpiresAt: null,
    createdAt: '2026-11-23T02:00:00.000Z',
  },
  course: course({ id, ...over }),
  attendance: [],
});
// pottery meets on Tuesdays (12-15 first); dance meets today, Saturday 12-12 (server clock)
const pottery = seat('11', {});
const dance = seat('12', {
  title: '街舞基础',
  weekday: 6,
  sessionDates: ['2026-12-12', '2026-12-19'],
  sessions: 2,
});

type Reply = { statusCode: number; data: unknown };
const refusal = (statusCode: number, code: string, message: string): Reply => ({
  statusCode,
  data: { statusCode, code, error: 'Refused', message },
});

function openMine(pinReply: (data: unknown) => Reply) {
  const sent = scriptNightSchool((method, url, data) => {
    if (url.endsWith('/time'))
      return { statusCode: 200, data: { now: '2026-12-12T10:45:00.000Z' } };
    if (method === 'POST' && url.endsWith('/checkins/pin')) return pinReply(data);
    return { statusCode: 200, data: { items: [pottery, dance], barred: null } };
  });
  silenceUi();
  render(<MyNightSchoolPage />);
  return sent;
}

async function typePin(value: string) {
  const input = await until(() =>
    document.querySelector<HTMLInputElement>('#ns-checkin-pin input'),
  );
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  return input;
}

const submit = () =>
  screen.getByText('提交签到').closest('taro-button-core') ?? screen.getByText('提交签到');

describe('我的夜校: check-in with the 6-digit code (H5)', () => {
  beforeEach(() => {
    useNightSchool.getState().reset();
    useSession.setState({
      token: 'tok',
      expiresAt: '2999-01-01T00:00:00Z',
      user: { id: '7', role: 'resident', orgIds: [], name: '王小青', profileComplete: true },
    });
  });

  it('offers the courses with a seat, today’s first, and waits for all six digits', async () => {
    const sent = openMine(() => ({ statusCode: 200, data: {} }));
    const today = await until(() => screen.queryByText('街舞基础（今天）'));
    await until(() => (today.className.includes('--on') ? true : null));
    expect(screen.getByTestId('pin-course-11').className).not.toContain('--on');
    // the long scan token box is gone from H5
    expect(document.querySelector('#ns-checkin-code')).toBeNull();

    await typePin('0429');
    await act(async () => fireEvent.click(submit()));
    expect(sent.some((r) => r.url.endsWith('/checkins/pin'))).toBe(false);
  });

  it('sends the chosen course and the six digits; shows a wrong code, then the success', async () => {
    let attempts = 0;
    const sent = openMine(() =>
      ++attempts === 1
        ? refusal(400, 'CHECKIN_PIN_WRONG', '签到码不对，请核对组织者屏幕上的6位数字')
        : {
            statusCode: 200,
            data: {
              courseId: '12',
              courseTitle: '街舞基础',
              sessionNo: 1,
              status: 'present',
              alreadyCheckedIn: false,
            },
          },
    );
    await until(() => screen.queryByText('街舞基础（今天）'));
    const input = await typePin('0429170'); // a seventh digit is dropped
    await until(() => (input.value === '042917' ? true : null));
    await act(async () => fireEvent.click(submit()));
    const msg = await until(() => screen.queryByTestId('checkin-message'));
    expect(msg.textContent).toBe('签到码不对，请核对组织者屏幕上的6位数字');
    expect(msg.className).toContain('--error');

    await act(async () => fireEvent.click(submit()));
    await until(() =>
      screen.getByTestId('checkin-message').textContent === '签到成功：「街舞基础」第1次课'
        ? true
        : null,
    );
    const posts = sent.filter((r) => r.url.endsWith('/checkins/pin'));
    expect(posts.map((r) => r.data)).toEqual([
      { courseId: '12', pin: '042917' },
      { courseId: '12', pin: '042917' },
    ]);
  });

  it('another course can be picked; too many tries shows the wait', async () => {
    const sent = openMine(() => refusal(429, 'RATE_LIMITED', '操作太频繁，请 540 秒后再试'));
    await until(() => screen.queryByText('街舞基础（今天）'));
    await act(async () => fireEvent.click(screen.getByTestId('pin-course-11')));
    await typePin('123456');
    await act(async () => fireEvent.click(submit()));
    const msg = await until(() => screen.queryByTestId('checkin-message'));
    expect(msg.textContent).toBe('操作太频繁，请 540 秒后再试');
    expect(sent.find((r) => r.url.endsWith('/checkins/pin'))?.data).toEqual({
      courseId: '11',
      pin: '123456',
    });
  });
});
