import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ChildcareClass } from '@/contract/childcare';
import ManagePage from '@/features/childcare/pages/manage/index';
import { CapacityEditor } from '@/features/childcare/components/capacity-editor';
import { useSession } from '@/lib/session';
import { scriptRequests, silenceUi } from '../../platform';

const cls: ChildcareClass = {
  id: '31',
  name: '低年级班',
  periodId: '11',
  periodName: '第一期',
  programmeName: '2027爱心暑托班',
  startsOn: '2027-07-05',
  endsOn: '2027-07-16',
  siteId: '5',
  siteName: '2026爱心暑托班·长风新村街道社区中心',
  siteAddress: '上海市普陀区天山路1718号',
  siteLatitude: null,
  siteLongitude: null,
  capacity: 35,
  taken: 30,
  remaining: 5,
  waiting: 0,
  gradeMin: 1,
  gradeMax: 3,
  feeFen: 45000,
  whatToBring: '水杯',
};
const programme = {
  id: '3',
  name: '2027爱心暑托班',
  season: 'summer',
  prefillOpensAt: '2027-06-01T00:00:00.000Z',
  registrationOpensAt: '2027-06-10T00:00:00.000Z',
  registrationClosesAt: '2027-06-30T09:00:00.000Z',
  offerHours: 24,
  notice: null,
  localSchools: null as string[] | null,
};
const site = {
  id: '5',
  kind: 'site',
  name: '2026爱心暑托班·长风新村街道社区中心',
  district: '普陀区',
  address: null,
  summary: null,
};

/** Types as a person does: into the real <input> inside Taro's <taro-input-core> (rendered a tick after mounting). */
async function type(testId: string, value: string) {
  const input = await waitFor(() => {
    const found = document.querySelector<HTMLInputElement>(`[data-testid="${testId}"] input`);
    if (!found) throw new Error(`no input ${testId}`);
    return found;
  });
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
/** Picks the programme in 招收学校名单 and types the list into its textarea (Taro renders it a tick later). */
/** Renders the page as staff and chooses the first programme and its first period. */
async function chooseFirstPeriod() {
  render(<ManagePage />);
  await waitFor(() =>
    expect(screen.getByTestId('cc-class-programme').textContent).toContain('2027爱心暑托班'),
  );
  await act(async () =>
    fireEvent.click(screen.getByTestId('cc-class-programme').querySelector('.cc-manage__chip')!),
  );
  await waitFor(() =>
    expect(screen.getByTestId('cc-class-period').textContent).toContain('第一期'),
  );
  await act(async () =>
    fireEvent.click(screen.getByTestId('cc-class-period').querySelector('.cc-manage__chip')!),
  );
}

/** Types a 中年级班 of 35 seats for grades 3–4 at `fee` yuan and submits it. */
async function submitClass(fee: string) {
  await type('cc-class-name', '中年级班');
  await type('cc-class-capacity', '35');
  await type('cc-class-grade-min', '3');
  await type('cc-class-grade-max', '4');
  await type('cc-class-fee', fee);
  await act(async () => fireEvent.click(screen.getByTestId('cc-class-submit')));
}

async function typeSchools(form: HTMLElement, text: string): Promise<HTMLTextAreaElement> {
  await waitFor(() => expect(form.textContent).toContain('2027爱心暑托班'));
  fireEvent.click(
    screen.getByText('2027爱心暑托班', { selector: '[data-testid="cc-schools-programme"] *' }),
  );
  const box = await waitFor(() => {
    const found = form.querySelector<HTMLTextAreaElement>('textarea');
    if (!found) throw new Error('no textarea');
    return found;
  });
  act(() => {
    box.value = text;
    box.dispatchEvent(new Event('input', { bubbles: true }));
  });
  return box;
}
const signInStaff = () =>
  useSession.setState({
    token: 'tok',
    expiresAt: '2999-01-01T00:00:00Z',
    user: { id: '8', role: 'organizer', orgIds: ['5'], name: null, profileComplete: true },
  });
// programmes and periods are the committee's (admin)
const signInCommittee = () =>
  useSession.setState({
    token: 'tok',
    expiresAt: '2999-01-01T00:00:00Z',
    user: { id: '1', role: 'admin', orgIds: [], name: null, profileComplete: true },
  });

afterEach(() => jest.restoreAllMocks());

describe('托班项目管理 (features/childcare/pages/manage)', () => {
  const catalogue = (
    extra: (
      method: string,
      url: string,
      data: unknown,
    ) => { statusCode: number; data: unknown } | null,
  ) =>
    scriptRequests((method, url, data) => {
      const r = extra(method, url, data);
      if (r) return r;
      if (url.includes('/orgs?kind=site'))
        return {
          statusCode: 200,
          data: { items: [site, { ...site, id: '6', name: '2026爱心暑托班·别的点' }] },
        };
      if (url.endsWith('/childcare/programmes/3')) {
        return {
          statusCode: 200,
          data: {
            programme,
            periods: [
              { id: '11', seq: 1, name: '第一期', startsOn: '2027-07-05', endsOn: '2027-07-16' },
            ],
            classes: [],
          },
        };
      }
      if (url.endsWith('/childcare/programmes'))
        return { statusCode: 200, data: { items: [programme] } };
      return {
        statusCode: 404,
        data: { statusCode: 404, code: 'NOT_FOUND', error: 'Not Found', message: '未找到' },
      };
    });

  it('when the registration window opens before the pre-fill, refuses with the Chinese message and sends nothing', async () => {
    signInCommittee();
    silenceUi();
    const sent = catalogue(() => null);
    render(<ManagePage />);
    await waitFor(() => expect(screen.getByTestId('cc-programme-form')).toBeTruthy());
    await type('cc-p-name', '2027爱心暑托班');
    await type('cc-p-prefill-date', '2027-06-10');
    await type('cc-p-opens-date', '2027-06-01');
    await type('cc-p-closes-date', '2027-06-30');
    await act(async () => fireEvent.click(screen.getByTestId('cc-programme-submit')));
    expect(screen.getByTestId('cc-programme-error').textContent).toBe(
      '预填开始时间应早于报名开始时间，报名开始应早于截止',
    );
    expect(sent.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('the committee limits a programme to local schools, one per line, and sees the saved list', async () => {
    signInCommittee();
    silenceUi();
    const sent = catalogue((method, url) =>
      method === 'PUT' && url.endsWith('/childcare/programmes/3/local-schools')
        ? {
            statusCode: 200,
            data: { ...programme, localSchools: ['长风新村第一小学', '普陀区第二中心小学'] },
          }
        : null,
    );
    render(<ManagePage />);
    const form = await screen.findByTestId('cc-schools-form');
    const box = await typeSchools(form, ' 长风新村第一小学\n\n普陀区第二中心小学');
    await act(async () => fireEvent.click(screen.getByTestId('cc-schools-submit')));
    const put = sent.find((r) => r.method === 'PUT');
    expect(put?.data).toEqual({ schools: [' 长风新村第一小学', '', '普陀区第二中心小学'] });
    await waitFor(() => expect(box.value).toBe('长风新村第一小学\n普陀区第二中心小学'));
  });

  it('refuses a one-character school name in place and sends nothing', async () => {
    signInCommittee();
    silenceUi();
    const sent = catalogue(() => null);
    render(<ManagePage />);
    const form = await screen.findByTestId('cc-schools-form');
    await typeSchools(form, '长风小学\n某');
    await act(async () => fireEvent.click(screen.getByTestId('cc-schools-submit')));
    expect(screen.getByTestId('cc-schools-error').textContent).toBe(
      '每行一所学校，每个名称 2–40 个字，最多 300 所',
    );
    expect(sent.filter((r) => r.method === 'PUT')).toEqual([]);
  });

  it('creates a programme with its windows read in Shanghai time', async () => {
    signInCommittee();
    silenceUi();
    const sent = catalogue((method, _url, data) =>
      method === 'POST'
        ? { statusCode: 201, data: { ...programme, ...(data as object), id: '4' } }
        : null,
    );
    render(<ManagePage />);
    await waitFor(() => expect(screen.getByTestId('cc-programme-form')).toBeTruthy());
    await type('cc-p-name', '2027爱心暑托班');
    await type('cc-p-prefill-date', '2027-06-01');
    await type('cc-p-opens-date', '2027-06-10');
    await type('cc-p-closes-date', '2027-06-30');
    await act(async () => fireEvent.click(screen.getByTestId('cc-programme-submit')));
    const post = sent.find((r) => r.method === 'POST')!;
    expect(post.url).toMatch(/\/api\/v1\/childcare\/programmes$/);
    expect(post.data).toEqual({
      name: '2027爱心暑托班',
      season: 'summer',
      offerHours: 24,
      prefillOpensAt: '2027-06-01T00:00:00.000Z',
      registrationOpensAt: '2027-06-10T00:00:00.000Z',
      registrationClosesAt: '2027-06-30T09:00:00.000Z',
    });
    expect(screen.queryByTestId('cc-programme-error')).toBeNull();
  });

  it('site staff see no programme or period form, and are told the committee sets them', async () => {
    signInStaff();
    silenceUi();
    catalogue(() => null);
    render(<ManagePage />);
    await waitFor(() =>
      expect(screen.getByTestId('cc-manage-admin-only').textContent).toContain('由团区委统一设置'),
    );
    expect(screen.queryByTestId('cc-programme-form')).toBeNull();
  });

  it('creates a class at my site in the chosen period, fee in fen', async () => {
    signInStaff();
    silenceUi();
    const sent = catalogue((method, url, data) =>
      method === 'POST' && url.endsWith('/childcare/classes')
        ? { statusCode: 201, data: { ...cls, ...(data as object), id: '40', taken: 0 } }
        : null,
    );
    await chooseFirstPeriod();
    // only my own site is offered, and chosen already
    expect(screen.getByTestId('cc-class-site').textContent).toBe('长风新村街道社区中心');
    expect(screen.getByTestId('cc-class-period').textContent).toContain('第一期 07-05–07-16');
    await submitClass('450.5');
    await waitFor(() =>
      expect(screen.getByTestId('cc-class-created').textContent).toContain(
        '第一期 · 中年级班（35 个名额）',
      ),
    );
    expect(sent.find((r) => r.method === 'POST')!.data).toEqual({
      periodId: '11',
      siteId: '5',
      name: '中年级班',
      capacity: 35,
      gradeMin: 3,
      gradeMax: 4,
      feeFen: 45050,
    });
  });

  it('shows staff, in place, why a paid class cannot open while WeChat Pay is not configured', async () => {
    signInStaff();
    silenceUi();
    catalogue((method, url) =>
      method === 'POST' && url.endsWith('/childcare/classes')
        ? {
            statusCode: 409,
            data: {
              statusCode: 409,
              code: 'PAYMENTS_NOT_CONFIGURED',
              error: 'Conflict',
              message: '微信支付尚未配置，暂不能开设或支付收费项目，请联系管理员',
            },
          }
        : null,
    );
    await chooseFirstPeriod();
    await submitClass('400');
    await waitFor(() =>
      expect(screen.getByTestId('cc-class-error').textContent).toBe(
        '微信支付尚未配置，暂不能开设或支付收费项目，请联系管理员',
      ),
    );
    expect(screen.queryByTestId('cc-class-created')).toBeNull();
  });
});

describe('CapacityEditor (features/childcare/components/capacity-editor)', () => {
  it('when the new capacity is below the seats held, refuses at once and sends nothing', async () => {
    silenceUi();
    const sent = scriptRequests(() => ({ statusCode: 500, data: null }));
    render(<CapacityEditor cls={cls} onSaved={() => undefined} />);
    await type('cc-capacity-input', '20');
    await act(async () => fireEvent.click(screen.getByTestId('cc-capacity-save')));
    expect(screen.getByTestId('cc-capacity-error').textContent).toBe(
      '容量不能低于已报名人数（已占 30 个名额）',
    );
    expect(sent).toEqual([]);
  });

  it('when the server refuses (seats taken meanwhile), shows its Chinese message in place', async () => {
    const { toast } = silenceUi();
    scriptRequests(() => ({
      statusCode: 409,
      data: {
        statusCode: 409,
        code: 'CC_CAPACITY_BELOW_ENROLLED',
        error: 'Conflict',
        message: '容量不能低于已报名人数',
      },
    }));
    render(<CapacityEditor cls={cls} onSaved={() => undefined} />);
    await type('cc-capacity-input', '31');
    await act(async () => fireEvent.click(screen.getByTestId('cc-capacity-save')));
    await waitFor(() =>
      expect(screen.getByTestId('cc-capacity-error').textContent).toBe('容量不能低于已报名人数'),
    );
    expect(toast).not.toHaveBeenCalled();
  });

  it('lowers the capacity to any value not below the seats held', async () => {
    silenceUi();
    const saved: ChildcareClass[] = [];
    const sent = scriptRequests((_m, _u, data) => ({
      statusCode: 200,
      data: { ...cls, ...(data as object), remaining: 2 },
    }));
    render(<CapacityEditor cls={cls} onSaved={(c) => saved.push(c)} />);
    await type('cc-capacity-input', '32');
    await act(async () => fireEvent.click(screen.getByTestId('cc-capacity-save')));
    await waitFor(() => expect(saved.map((c) => c.capacity)).toEqual([32]));
    expect(sent.map((r) => [r.method, r.url.replace(/^.*\/api/, '/api'), r.data])).toEqual([
      ['PATCH', '/api/v1/childcare/classes/31', { capacity: 32 }],
    ]);
    expect(screen.queryByTestId('cc-capacity-error')).toBeNull();
  });
});
