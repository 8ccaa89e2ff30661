import Taro from '@tarojs/taro';
import { render, screen, waitFor } from '@testing-library/react';
import type { ChildcareClass, Programme } from '@/contract/childcare';
import ChildcareHome from '@/features/childcare/pages/index/index';
import { useChildcare } from '@/features/childcare/store';
import { useSession } from '@/lib/session';
import { scriptRequests, silenceUi } from '../../platform';

const DAY = 86_400_000;
const at = (ms: number) => new Date(Date.now() + ms).toISOString();

const winter: Programme = {
  id: '2',
  name: '2027爱心寒托班',
  season: 'winter',
  prefillOpensAt: at(-2 * DAY),
  registrationOpensAt: at(-DAY),
  registrationClosesAt: at(10 * DAY),
  offerHours: 24,
  notice: null,
  localSchools: null,
};

const cls: ChildcareClass = {
  id: '31',
  name: '低年级班',
  periodId: '11',
  periodName: '第一期',
  programmeName: '2027爱心寒托班',
  startsOn: '2099-01-25',
  endsOn: '2099-02-05',
  siteId: '5',
  // a site first set up for a summer programme keeps its old prefix in the database
  siteName: '2026爱心暑托班·长风新村街道社区中心',
  siteAddress: null,
  siteLatitude: null,
  siteLongitude: null,
  capacity: 35,
  taken: 0,
  remaining: 35,
  waiting: 0,
  gradeMin: 1,
  gradeMax: 2,
  feeFen: 40000,
  whatToBring: '水杯',
};

describe('托班 home (features/childcare/pages/index)', () => {
  beforeEach(() => {
    useSession.setState({ token: null, expiresAt: null, user: null });
    useChildcare.setState({ programmes: [], detail: null });
  });
  afterEach(() => jest.restoreAllMocks());

  it('is named for the season of the programme on screen, and lists sites without a programme prefix', async () => {
    silenceUi();
    const title = jest.spyOn(Taro, 'setNavigationBarTitle');
    scriptRequests((_method, url) => {
      if (url.endsWith('/time'))
        return { statusCode: 200, data: { now: new Date().toISOString() } };
      if (url.endsWith('/childcare/programmes'))
        return { statusCode: 200, data: { items: [winter] } };
      return {
        statusCode: 200,
        data: { programme: winter, periods: [], classes: [cls] },
      };
    });
    render(<ChildcareHome />);
    await waitFor(() => expect(screen.getByTestId('cc-title').textContent).toBe('爱心寒托班'));
    expect(title).toHaveBeenCalledWith({ title: '爱心寒托班' });
    const card = await screen.findByText('长风新村街道社区中心');
    expect(card).toBeTruthy();
    expect(document.body.textContent).not.toContain('2026爱心暑托班·');
  });
});
