// 托班工作台's roster: a paid class's seat held for payment reads 待支付, not the 待确认 of a
// waitlist offer, so staff do not chase a family that only has to pay.
import { act, fireEvent, render, screen } from '@testing-library/react';
import type { Roster } from '@/contract/childcare';
import StaffPage from '@/features/childcare/pages/staff/index';
import { useSession } from '@/lib/session';
import { scriptRequests, silenceUi } from '../../platform';
import { until } from '../night-school/until';

const cls = {
  id: '31',
  name: '低年级班',
  periodId: '11',
  periodName: '第一期',
  programmeName: '2027爱心寒托班',
  startsOn: '2027-01-25',
  endsOn: '2027-02-05',
  siteId: '5',
  siteName: '2026爱心暑托班·长风新村街道社区中心',
  siteAddress: '上海市普陀区天山路1718号',
  siteLatitude: null,
  siteLongitude: null,
  capacity: 3,
  taken: 3,
  remaining: 0,
  waiting: 1,
  gradeMin: 1,
  gradeMax: 2,
  feeFen: 40000,
  whatToBring: '水杯',
};
const row = (
  id: string,
  childName: string,
  status: Roster['items'][number]['status'],
  awaitingPayment: boolean,
): Roster['items'][number] => ({
  enrollmentId: id,
  status,
  position: status === 'waitlisted' ? 1 : null,
  childName,
  gender: '女',
  grade: '二年级',
  school: null,
  healthNotes: null,
  guardians: [],
  awaitingPayment,
});
const roster: Roster = {
  class: cls,
  items: [
    row('1', '陈小雨', 'enrolled', false),
    row('2', '李朵朵', 'offered', true),
    row('3', '张乐乐', 'offered', false),
    row('4', '赵小米', 'waitlisted', false),
  ],
};

describe('托班工作台 roster (features/childcare/pages/staff)', () => {
  beforeEach(() => {
    useSession.setState({
      token: 'tok',
      expiresAt: '2999-01-01T00:00:00Z',
      user: { id: '7', role: 'organizer', orgIds: ['5'], name: null, profileComplete: true },
    });
  });
  afterEach(() => jest.restoreAllMocks());

  it('reads a seat held for payment as 待支付 and a waitlist offer as 待确认', async () => {
    scriptRequests((_method, url) => {
      if (url.endsWith('/staff/classes')) return { statusCode: 200, data: { items: [cls] } };
      if (url.endsWith('/classes/31/roster')) return { statusCode: 200, data: roster };
      if (url.includes('/programmes')) return { statusCode: 200, data: { items: [] } };
      if (url.endsWith('/time'))
        return { statusCode: 200, data: { now: '2026-12-01T02:00:00.000Z' } };
      return { statusCode: 404, data: {} };
    });
    silenceUi();
    render(<StaffPage />);
    await until(() => screen.queryByText('名单'));
    await act(async () => fireEvent.click(screen.getByText('名单')));
    await until(() => screen.queryByText(/李朵朵/));
    const rows = Array.from(document.querySelectorAll('.cc-staff__row'), (r) => r.textContent);
    expect(rows).toEqual([
      '✓ 陈小雨（女，二年级）',
      '待支付 李朵朵（女，二年级）',
      '待确认 张乐乐（女，二年级）',
      '候补1 赵小米（女，二年级）',
    ]);
  });
});
