import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { MyEnrollment } from '@/contract/childcare';
import MinePage from '@/features/childcare/pages/mine/index';
import { useSession } from '@/lib/session';
import { scriptRequests, silenceUi } from '../../platform';

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
  capacity: 35,
  taken: 35,
  remaining: 0,
  waiting: 3,
  gradeMin: 1,
  gradeMax: 2,
  feeFen: 40000,
  whatToBring: '水杯',
};
const base: MyEnrollment = {
  id: '77',
  status: 'offered',
  position: null,
  offerExpiresAt: '2026-12-02T02:00:00.000Z',
  childId: '5',
  childName: '王小明',
  class: cls,
  programmeName: '2027爱心寒托班',
  notice: null,
  pickupCodes: [],
  attendance: [],
  notices: [],
  createdAt: '2026-12-01T00:00:01.000Z',
};

beforeEach(() =>
  useSession.setState({
    token: 'tok',
    expiresAt: '2999-01-01T00:00:00Z',
    user: { id: '7', role: 'resident', orgIds: [], name: null, profileComplete: true },
  }),
);
afterEach(() => jest.restoreAllMocks());

describe('我的托班 (features/childcare/pages/mine)', () => {
  it('shows an offer with its deadline in Shanghai time; 确认入班 accepts it and then shows the pick-up codes', async () => {
    silenceUi();
    let accepted = false;
    const sent = scriptRequests((method, url) => {
      if (method === 'POST' && url.endsWith('/enrollments/77/accept')) {
        accepted = true;
        return { statusCode: 200, data: { id: '77', status: 'enrolled' } };
      }
      const item: MyEnrollment = accepted
        ? {
            ...base,
            status: 'enrolled',
            offerExpiresAt: null,
            pickupCodes: [
              {
                guardianId: '9',
                guardianName: '王建国',
                relation: '祖父',
                code: 'abc.def',
                qr: 'data:image/png;base64,AAAA',
              },
            ],
          }
        : base;
      return { statusCode: 200, data: { items: [item], serverNow: '2026-12-01T02:00:00.000Z' } };
    });
    render(<MinePage />);
    await waitFor(() => expect(document.body.textContent).toContain('补位待确认'));
    expect(document.body.textContent).toContain('12月2日 10:00 前确认');
    await act(async () => fireEvent.click(screen.getByTestId('cc-accept')));
    await waitFor(() => expect(document.body.textContent).toContain('王建国（祖父）出示接送码'));
    expect(document.body.textContent).toContain('已报名');
    expect(sent.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual([
      expect.stringContaining('/api/v1/childcare/enrollments/77/accept'),
    ]);
  });

  it('shows the current waitlist place honestly', async () => {
    silenceUi();
    scriptRequests(() => ({
      statusCode: 200,
      data: {
        items: [{ ...base, status: 'waitlisted', position: 4, offerExpiresAt: null }],
        serverNow: '2026-12-01T02:00:00.000Z',
      },
    }));
    render(<MinePage />);
    await waitFor(() => expect(document.body.textContent).toContain('候补中 · 第 4 位'));
    expect(screen.getByTestId('cc-cancel').textContent).toBe('退出候补');
  });

  it('once enrolled, says what comes next: dates, address with the map, what to bring, how to cancel', async () => {
    silenceUi();
    const opened = jest.spyOn(window, 'open').mockImplementation(() => null);
    scriptRequests(() => ({
      statusCode: 200,
      data: {
        items: [
          {
            ...base,
            status: 'enrolled',
            offerExpiresAt: null,
            class: { ...cls, siteLatitude: 31.23, siteLongitude: 121.4 },
          },
        ],
        serverNow: '2026-12-01T02:00:00.000Z',
      },
    }));
    render(<MinePage />);
    const guide = await screen.findByTestId('cc-guide');
    expect(guide.textContent).toContain('1月25日 至 2月5日（第一期）');
    expect(guide.textContent).toContain('上海市普陀区天山路1718号');
    expect(guide.textContent).toContain('请带水杯');
    expect(guide.textContent).toContain('开班（1月25日）前可在本页取消');
    expect(screen.getByTestId('cc-cancel').textContent).toBe('取消报名');
    fireEvent.click(screen.getByTestId('cc-guide-map'));
    expect(opened).toHaveBeenCalledWith(expect.stringContaining('position=121.4,31.23'), '_blank');
  });

  it('after the period has begun, sends the parent to the site instead of offering 取消报名', async () => {
    silenceUi();
    scriptRequests(() => ({
      statusCode: 200,
      data: {
        items: [{ ...base, status: 'enrolled', offerExpiresAt: null }],
        serverNow: '2027-01-26T02:00:00.000Z',
      },
    }));
    render(<MinePage />);
    const guide = await screen.findByTestId('cc-guide');
    expect(guide.textContent).toContain('本期已开班，如需退出请联系托班点老师');
    expect(screen.queryByTestId('cc-guide-map')).toBeNull();
    expect(screen.queryByTestId('cc-cancel')).toBeNull();
  });
});
