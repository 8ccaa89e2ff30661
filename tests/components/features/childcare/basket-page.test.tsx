import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ProgrammeDetail } from '@/contract/childcare';
import BasketPage from '@/features/childcare/pages/basket/index';
import { useSession } from '@/lib/session';
import { scriptRequests, silenceUi } from '../../platform';

const HOUR = 3600_000;
const at = (ms: number) => new Date(Date.now() + ms).toISOString();
const cls = (id: string, name: string, gradeMin: number, gradeMax: number) => ({
  id,
  name,
  periodId: '11',
  periodName: '第一期',
  programmeName: '2027爱心寒托班',
  startsOn: '2099-01-25',
  endsOn: '2099-02-05',
  siteId: '5',
  siteName: '2026爱心暑托班·长风新村街道社区中心',
  siteAddress: null,
  siteLatitude: null,
  siteLongitude: null,
  capacity: 35,
  taken: 0,
  remaining: 35,
  waiting: 0,
  gradeMin,
  gradeMax,
  feeFen: 40000,
  whatToBring: '水杯',
});
const detail = (opensInMs: number): ProgrammeDetail => ({
  programme: {
    id: '2',
    name: '2027爱心寒托班',
    season: 'winter',
    prefillOpensAt: at(-HOUR),
    registrationOpensAt: at(opensInMs),
    registrationClosesAt: at(30 * 24 * HOUR),
    offerHours: 24,
    notice: null,
    localSchools: null,
  },
  periods: [{ id: '11', seq: 1, name: '第一期', startsOn: '2099-01-25', endsOn: '2099-02-05' }],
  classes: [cls('31', '低年级班', 1, 3), cls('32', '高年级班', 4, 6)],
});
const kids = [
  {
    id: '5',
    name: '王小明',
    school: '长风小学',
    grade: '二年级',
    healthNotes: null,
    guardians: [],
  },
  {
    id: '6',
    name: '王小红',
    school: '长风小学',
    grade: '五年级',
    healthNotes: null,
    guardians: [],
  },
];

beforeEach(() => {
  useSession.setState({
    token: 'tok',
    expiresAt: '2999-01-01T00:00:00Z',
    user: { id: '7', role: 'resident', orgIds: [], name: null, profileComplete: true },
  });
  jest
    .spyOn(Taro, 'getCurrentInstance')
    .mockReturnValue({ router: { params: { programmeId: '2' } } } as never);
});
afterEach(() => jest.restoreAllMocks());

function script(opensInMs: number) {
  let saved: unknown = null;
  const sent = scriptRequests((method, url, data) => {
    if (url.endsWith('/api/v1/time')) return { statusCode: 200, data: { now: at(0) } };
    if (url.endsWith('/childcare/programmes/2'))
      return { statusCode: 200, data: detail(opensInMs) };
    if (url.endsWith('/childcare/children')) return { statusCode: 200, data: { items: kids } };
    if (url.endsWith('/programmes/2/basket')) {
      if (method === 'PUT') saved = { ...(data as object), updatedAt: '2026-12-01T00:00:00.000Z' };
      return { statusCode: 200, data: method === 'PUT' ? saved : { basket: saved } };
    }
    if (url.endsWith('/enrollments/basket'))
      return {
        statusCode: 201,
        data: {
          mode: 'each',
          message: '1 个班报名成功，其余请查看结果',
          items: [
            {
              classId: '31',
              childIds: ['5'],
              status: 'waitlisted',
              position: 2,
              message: '已满，您在候补第 2 位',
              enrollmentIds: ['90'],
              code: null,
            },
            {
              classId: '32',
              childIds: ['6'],
              status: 'enrolled',
              position: null,
              message: '报名成功',
              enrollmentIds: ['91'],
              code: null,
            },
          ],
        },
      };
    return { statusCode: 200, data: { items: [] } };
  });
  return sent;
}

describe('兄弟姐妹一起报名 (features/childcare/pages/basket)', () => {
  it('offers each child only the classes of its grade band, saves the choice, then taps once for both', async () => {
    silenceUi();
    const sent = script(-60_000); // registration opened a minute ago
    render(<BasketPage />);
    const young = await screen.findByTestId('cc-basket-child-5');
    expect(young.textContent).toContain('低年级班');
    expect(young.textContent).not.toContain('高年级班');
    expect(screen.getByTestId('cc-basket-child-6').textContent).not.toContain('低年级班');
    expect(screen.getByTestId('cc-basket-button').textContent).toBe('请先选择并保存班级');

    fireEvent.click(screen.getByTestId('cc-basket-option-5-31'));
    fireEvent.click(screen.getByTestId('cc-basket-option-6-32'));
    fireEvent.click(screen.getByTestId('cc-basket-mode-each'));
    await act(async () => fireEvent.click(screen.getByTestId('cc-basket-save')));
    await waitFor(() => expect(screen.getByTestId('cc-basket-saved')).toBeTruthy());
    const put = sent.find((r) => r.method === 'PUT');
    expect(put?.data).toEqual({
      mode: 'each',
      items: [
        { classId: '31', childIds: ['5'] },
        { classId: '32', childIds: ['6'] },
      ],
    });

    expect(screen.getByTestId('cc-basket-button').textContent).toBe('一键报名（2 个孩子）');
    await act(async () => fireEvent.click(screen.getByTestId('cc-basket-button')));
    const result = await screen.findByTestId('cc-basket-result');
    expect(result.textContent).toContain('王小明 · 低年级班 · 候补');
    expect(result.textContent).toContain('已满，您在候补第 2 位');
    expect(result.textContent).toContain('王小红 · 高年级班 · 已报名');
    const tap = sent.find((r) => r.url.endsWith('/enrollments/basket'));
    expect(tap?.data).toEqual({ programmeId: '2' });
    expect(tap?.header?.['Idempotency-Key']).toBeTruthy();
  });

  it('a choice changed after saving must be saved again before the tap', async () => {
    silenceUi();
    script(-60_000);
    render(<BasketPage />);
    await screen.findByTestId('cc-basket-child-5');
    fireEvent.click(screen.getByTestId('cc-basket-option-5-31'));
    await act(async () => fireEvent.click(screen.getByTestId('cc-basket-save')));
    await waitFor(() => expect(screen.getByTestId('cc-basket-save').textContent).toBe('已保存'));
    fireEvent.click(screen.getByTestId('cc-basket-option-6-32'));
    expect(screen.getByTestId('cc-basket-save').textContent).toBe('保存选择');
    expect(screen.getByTestId('cc-basket-button').textContent).toBe('请先选择并保存班级');
  });

  it('before the opening, shows the countdown and keeps the tap closed', async () => {
    silenceUi();
    script(30_000);
    render(<BasketPage />);
    await screen.findByTestId('cc-basket-child-5');
    expect(screen.getByTestId('cc-countdown').textContent).toMatch(/距报名开始/);
    expect(screen.getByTestId('cc-basket-button').textContent).toBe('报名尚未开始');
  });
});
