import { act, fireEvent, render, screen } from '@testing-library/react';
import type { Course, Roster, Term, TermStats } from '@/contract/night-school';
import NightSchoolAdmin from '@/features/night-school/pages/admin/index';
import { useSession } from '@/lib/session';
import { silenceUi } from '../../platform';
import { course, scriptNightSchool, term } from './fixtures';
import { until } from './until';

// A 4-session course in an open term: one confirmed attendee (present at session 1), one on the waitlist.
const fourWeeks = course({
  id: '11',
  sessions: 4,
  sessionDates: ['2026-12-15', '2026-12-22', '2026-12-29', '2027-01-05'],
});
const statsOf = (t: Term): TermStats => ({
  term: t,
  totals: { applicants: 2, seats: 16, confirmed: 1, ratio: 0.1 },
  courses: [
    {
      courseId: '11',
      title: fourWeeks.title,
      sessions: 4,
      applicants: 2,
      capacity: 16,
      taken: 1,
      confirmed: 1,
      offered: 0,
      waitlisted: 1,
      ratio: 0.1,
    },
  ],
});
// sessions 1 and 2 have begun (server clock); 3 and 4 have not
const roster: Roster = {
  course: fourWeeks,
  sessionsBegun: 2,
  items: [
    {
      applicationId: '101',
      userId: '31',
      name: '王小青',
      phoneMasked: '138****5678',
      status: 'confirmed',
      reason: null,
      waitPosition: null,
      presentCount: 1,
      absentCount: 0,
      marks: ['present', null, null, null],
    },
    {
      applicationId: '102',
      userId: '32',
      name: '李小安',
      phoneMasked: null,
      status: 'waitlisted',
      reason: null,
      waitPosition: 1,
      presentCount: 0,
      absentCount: 0,
      marks: [null, null, null, null],
    },
  ],
};
/** Session 1 is open now (QR and 6-digit code); session 2 opens next week. */
const codeReply = (url: string) =>
  url.includes('/sessions/1/')
    ? {
        sessionNo: 1,
        date: '2026-12-15',
        opensAt: '2026-12-15T10:30:00.000Z',
        closesAt: '2026-12-15T12:30:00.000Z',
        state: 'open',
        code: 'c'.repeat(20),
        qrDataUrl: 'data:image/png;base64,AA==',
        wxacodeUrl: null,
        expiresAt: '2999-01-01T00:00:00.000Z',
        pin: '042917',
      }
    : {
        sessionNo: 2,
        date: '2026-12-22',
        opensAt: '2026-12-22T10:30:00.000Z',
        closesAt: '2026-12-22T12:30:00.000Z',
        state: 'not_open',
        code: null,
        qrDataUrl: null,
        wxacodeUrl: null,
        expiresAt: null,
        pin: null,
      };
const conflict = (code: string, message: string) => ({
  statusCode: 409,
  data: { statusCode: 409, code, error: 'Conflict', message },
});

function organizerPage(
  t: Term,
  patchReply?: () => { statusCode: number; data: unknown },
  editable: Course = fourWeeks,
) {
  useSession.setState({
    token: 'tok',
    expiresAt: '2999-01-01T00:00:00Z',
    user: { id: '2', role: 'organizer', orgIds: ['1'], name: '李老师', profileComplete: true },
  });
  const sent = scriptNightSchool((method, url) => {
    if (method === 'PATCH') return patchReply ? patchReply() : { statusCode: 200, data: t };
    if (method === 'PUT') return { statusCode: 200, data: { ok: true } };
    if (url.endsWith('/admin/terms')) return { statusCode: 200, data: { items: [t] } };
    if (url.endsWith('/courses/11'))
      return { statusCode: 200, data: { course: editable, term: t } };
    if (url.endsWith('/admin/appeals')) return { statusCode: 200, data: { items: [] } };
    if (url.endsWith('/roster')) return { statusCode: 200, data: roster };
    if (url.includes('/code')) return { statusCode: 200, data: codeReply(url) };
    return { statusCode: 200, data: statsOf(t) };
  });
  silenceUi();
  render(<NightSchoolAdmin />);
  return sent;
}

// Taro's Input renders its inner <input> a moment later: wait for it, then type.
async function type(selector: string, value: string) {
  const input = await until(() => document.querySelector<HTMLInputElement>(`${selector} input`));
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('夜校管理: sessions, attendance by hand, editing a term', () => {
  it('offers a check-in code for each of the course’s 4 sessions, not a fixed 8', async () => {
    organizerPage(term);
    const card = await until(() => screen.queryByTestId('stat-11'));
    await act(async () => fireEvent.click(screen.getByText('签到码')));
    await until(() => screen.queryByText('第4次'));
    expect(card.textContent).toContain('第1次');
    expect(screen.queryByText('第5次')).toBeNull();
  });

  it('shows the 6-digit code beside the QR while the session is open, and only the opening time before', async () => {
    organizerPage(term);
    await until(() => screen.queryByTestId('stat-11'));
    await act(async () => fireEvent.click(screen.getByText('签到码')));
    expect((await until(() => screen.queryByTestId('checkin-pin'))).textContent).toBe('042917');
    await act(async () => fireEvent.click(screen.getByText('第2次')));
    const closed = await until(() => screen.queryByTestId('checkin-qr-closed'));
    expect(closed.textContent).toContain('签到将于 12月22日 18:30 开放');
    expect(screen.queryByTestId('checkin-pin')).toBeNull();
    expect(screen.queryByTestId('checkin-qr-image')).toBeNull();
  });

  it('marks 到 / 缺 by hand for the chosen session, only for people holding a seat', async () => {
    const sent = organizerPage(term);
    await until(() => screen.queryByTestId('stat-11'));
    await act(async () => fireEvent.click(screen.getByText('名单')));
    const row = await until(() => screen.queryByTestId('roster-row-31'));
    await act(async () => fireEvent.click(screen.getByText('第1次 12月15日')));
    expect(screen.getByTestId('mark-present-31').className).toContain('ns-roster__mark--present'); // session 1 was scanned
    expect(screen.queryByTestId('mark-present-32')).toBeNull(); // on the waitlist: nothing to mark

    await act(async () => fireEvent.click(screen.getByText('第2次 12月22日')));
    expect(screen.getByTestId('mark-present-31').className).not.toContain('--present');
    await act(async () => fireEvent.click(screen.getByTestId('mark-absent-31')));
    await until(() =>
      screen.getByTestId('mark-absent-31').className.includes('--absent') ? true : null,
    );
    const put = sent.filter((r) => r.method === 'PUT');
    expect(put).toHaveLength(1);
    expect(put[0].url).toContain('/admin/courses/11/sessions/2/attendance');
    expect(put[0].data).toEqual({ userId: '31', status: 'absent' });
    expect(row.textContent).toContain('出勤1 缺勤1');

    // session 3 has not begun: nothing to mark yet
    await act(async () => fireEvent.click(screen.getByText('第3次 12月29日')));
    expect(screen.getByTestId('roster-not-begun').textContent).toContain('第3次课还没开始');
    expect(screen.queryByTestId('mark-present-31')).toBeNull();
  });

  it('edits an open term sending only what changed, and shows the server’s refusal in Chinese', async () => {
    const sent = organizerPage(term, () =>
      conflict(
        'TERM_LIMIT_BELOW_HELD',
        '每人上限不能低于学员已有的数量：已有人报名2门、获得2门名额',
      ),
    );
    await until(() => screen.queryByTestId('stats-totals'));
    await act(async () => fireEvent.click(screen.getByText('修改学期')));
    const form = await until(() => screen.queryByTestId('term-edit-form'));
    // the window is open: opening time and mode are shown, not editable (the closing time is)
    await until(() => document.querySelector('#edit-term-closes input'));
    expect(document.querySelector('#edit-term-opens')).toBeNull();
    expect(form.textContent).toContain('报名已开始，不能再改');
    await type('#edit-term-max-courses', '1');
    await act(async () => fireEvent.click(screen.getByText('保存修改')));
    const error = await until(() => screen.queryByTestId('term-edit-error'));
    expect(error.textContent).toContain('获得2门名额');
    const patch = sent.filter((r) => r.method === 'PATCH');
    expect(patch).toHaveLength(1);
    expect(patch[0].url).toContain('/admin/terms/1');
    expect(patch[0].data).toEqual({ maxCoursesPerPerson: 1 });
  });

  it('before the window opens, changes the opening time (Beijing) and the name, then closes the form', async () => {
    const upcoming: Term = { ...term, phase: 'upcoming' };
    const sent = organizerPage(upcoming);
    await until(() => screen.queryByTestId('stats-totals'));
    await act(async () => fireEvent.click(screen.getByText('修改学期')));
    await until(() => screen.queryByTestId('term-edit-form'));
    expect(
      (await until(() => document.querySelector<HTMLInputElement>('#edit-term-opens input'))).value,
    ).toBe('2026-11-20 10:00');
    await type('#edit-term-opens', '2026-11-21 09:00');
    await type('#edit-term-name', '2026冬季青年夜校（普陀）');
    await act(async () => fireEvent.click(screen.getByText('保存修改')));
    await until(() => (screen.queryByTestId('term-edit-form') ? null : true));
    const patch = sent.find((r) => r.method === 'PATCH');
    expect(patch?.data).toEqual({
      name: '2026冬季青年夜校（普陀）',
      opensAt: '2026-11-21T09:00:00+08:00',
    });
  });

  it('says so when nothing was changed, without calling the server', async () => {
    const sent = organizerPage(term);
    await until(() => screen.queryByTestId('stats-totals'));
    await act(async () => fireEvent.click(screen.getByText('修改学期')));
    await until(() => screen.queryByTestId('term-edit-form'));
    await act(async () => fireEvent.click(screen.getByText('保存修改')));
    expect((await until(() => screen.queryByTestId('term-edit-error'))).textContent).toBe(
      '没有需要保存的修改',
    );
    expect(sent.some((r) => r.method === 'PATCH')).toBe(false);
  });
});

describe('夜校管理: editing a course', () => {
  // dates far from today either way, so the tests mean the same thing whenever they run
  const ahead = course({
    startDate: '2099-03-09',
    sessions: 4,
    sessionDates: ['2099-03-10', '2099-03-17', '2099-03-24', '2099-03-31'],
  });
  const begun = course({
    startDate: '2020-01-06',
    sessions: 4,
    sessionDates: ['2020-01-07', '2020-01-14', '2020-01-21', '2020-01-28'],
  });
  const openEditor = async () => {
    await until(() => screen.queryByTestId('stat-11'));
    await act(async () => fireEvent.click(screen.getByText('修改课程')));
    return until(() => screen.queryByTestId('course-form'));
  };

  it('prefills the course and sends only what changed: a new time and a new venue', async () => {
    const sent = organizerPage(term, () => ({ statusCode: 200, data: ahead }), ahead);
    const form = await openEditor();
    expect(form.textContent).toContain('修改课程 · 陶艺入门');
    expect(form.textContent).toContain('已报名的学员会在「消息」中收到通知');
    expect(
      (await until(() => document.querySelector<HTMLInputElement>('#course-start input'))).value,
    ).toBe('19:30');
    await type('#course-start', '19:00');
    await type('#course-end', '20:30');
    await type('#course-venue', '徐汇青年活动中心');
    await act(async () => fireEvent.click(screen.getByText('保存修改')));
    await until(() => (screen.queryByTestId('course-form') ? null : true));
    const patch = sent.filter((r) => r.method === 'PATCH');
    expect(patch).toHaveLength(1);
    expect(patch[0].url).toContain('/admin/courses/11');
    expect(patch[0].data).toEqual({
      startTime: '19:00',
      endTime: '20:30',
      venueName: '徐汇青年活动中心',
    });
  });

  it('once the first session began, shows the schedule read-only and still saves the venue', async () => {
    const sent = organizerPage(term, () => ({ statusCode: 200, data: begun }), begun);
    const form = await openEditor();
    expect(screen.getByTestId('course-schedule-locked').textContent).toBe(
      '上课时间每周二 19:30–21:00，共4次，1月7日 周二开课（已开课，不能再改）',
    );
    expect(form.querySelector('#course-start')).toBeNull();
    await type('#course-address', '上海市普陀区光复西路2899号2楼');
    await act(async () => fireEvent.click(screen.getByText('保存修改')));
    await until(() => (screen.queryByTestId('course-form') ? null : true));
    expect(sent.find((r) => r.method === 'PATCH')?.data).toEqual({
      venueAddress: '上海市普陀区光复西路2899号2楼',
    });
  });

  it('shows the server’s refusal in the form, in Chinese', async () => {
    organizerPage(
      term,
      () => conflict('CAPACITY_BELOW_TAKEN', '名额不能低于已占用的12个名额'),
      ahead,
    );
    await openEditor();
    await type('#course-capacity', '3');
    await act(async () => fireEvent.click(screen.getByText('保存修改')));
    expect((await until(() => screen.queryByTestId('course-form-error'))).textContent).toBe(
      '名额不能低于已占用的12个名额',
    );
  });
});
