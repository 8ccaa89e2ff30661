import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Settings, Station, StationRules } from '@/contract/station';
import { STATION_ERRORS } from '@/contract/station';
import StationManagePage from '@/features/station/pages/manage/index';
import { useSession } from '@/lib/session';
import { scriptRequests, silenceUi } from '../../platform';

const station: Station = {
  id: '3',
  name: '青年人才驿站·漕河泾合作酒店',
  district: '徐汇区',
  address: '上海市徐汇区宜山路889号',
  summary: '地铁9号线旁',
  partner: 'hotel',
  photos: [],
  rules: ['22:00后保持安静'],
  contact: '前台 021-5555 0101',
  mapUrl: null,
  latitude: null,
  longitude: null,
  totalBeds: 20,
  freeThisWeek: [20, 20, 20, 20, 20, 20, 20],
  roomTypes: [
    { id: '11', code: 'quad-m', name: '男生四人间', gender: 'male', beds: 12 },
    { id: '12', code: 'twin', name: '标准双床房', gender: 'any', beds: 8 },
  ],
};
const settings: Settings = {
  minAge: 18,
  maxAge: 35,
  maxNightsPerStay: 7,
  allowanceRule: 'nights',
  allowanceNights: 7,
  allowanceWindowMonths: 12,
  graduatingWithinMonths: 6,
  graduatedWithinMonths: 24,
  noLocalHomeRequired: true,
  proofRequired: false,
  holdMinutes: 30,
  reviewWorkingDays: 3,
  autoApprove: false,
  horizonDays: 42,
  checkInFrom: '14:00',
  checkInUntil: '22:00',
};

const stationRules: StationRules = {
  stationId: '3',
  rules: settings,
  defaults: settings,
  overrides: {
    autoApprove: null,
    allowanceRule: null,
    allowanceNights: null,
    maxNightsPerStay: null,
    graduatingWithinMonths: null,
    graduatedWithinMonths: null,
    noLocalHomeRequired: null,
    proofRequired: null,
  },
};

/** Types as a person does: into the real <input>/<textarea> inside Taro's web component. */
async function typeInto(id: string, value: string) {
  const input = await waitFor(() => {
    const found = document.querySelector<HTMLInputElement>(`#${id} input, #${id} textarea`);
    if (!found) throw new Error(`no input #${id}`);
    return found;
  });
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const apiError = (statusCode: number, code: string, message: string) => ({
  statusCode,
  data: { statusCode, code, error: 'Error', message },
});

function renderAsStaff(
  route: Parameters<typeof scriptRequests>[0],
  stations: () => Station[] = () => [station],
  role: 'organizer' | 'admin' = 'organizer',
) {
  useSession.setState({
    token: 'tok',
    expiresAt: '2999-01-01T00:00:00Z',
    user: {
      id: '7',
      role,
      orgIds: role === 'admin' ? [] : ['3'],
      name: '王店长',
      profileComplete: true,
    },
  });
  const sent = scriptRequests((method, url, data) => {
    if (method === 'GET' && url.endsWith('/stations/settings'))
      return { statusCode: 200, data: settings };
    if (method === 'GET' && url.endsWith('/stations/3/rules'))
      return { statusCode: 200, data: stationRules };
    if (method === 'GET' && url.endsWith('/stations'))
      return { statusCode: 200, data: { items: stations() } };
    return route(method, url, data);
  });
  const ui = silenceUi();
  render(<StationManagePage />);
  return { sent, ...ui };
}

describe('驿站管理 (features/station/pages/manage)', () => {
  it('is closed to residents', async () => {
    useSession.setState({
      token: 'tok',
      expiresAt: '2999-01-01T00:00:00Z',
      user: { id: '8', role: 'resident', orgIds: [], name: '林小青', profileComplete: true },
    });
    const sent = scriptRequests(() => ({ statusCode: 200, data: { items: [station] } }));
    silenceUi();
    render(<StationManagePage />);
    expect(await screen.findByText('仅限组织者使用')).toBeTruthy();
    expect(sent).toHaveLength(0);
  });

  it("when fewer beds than are held are asked for, shows the server's reason next to the room type", async () => {
    const { sent } = renderAsStaff((method, url) =>
      method === 'PATCH' && url.endsWith('/stations/3/room-types/11')
        ? apiError(409, 'BEDS_BELOW_BOOKED', STATION_ERRORS.BEDS_BELOW_BOOKED)
        : { statusCode: 500, data: null },
    );
    await screen.findByTestId('room-quad-m');
    await typeInto('beds-quad-m', '1');
    await act(async () => fireEvent.click(screen.getByTestId('save-beds-quad-m')));
    expect((await screen.findByTestId('beds-error-quad-m')).textContent).toBe(
      '床位数不能少于已预订的床位',
    );
    expect(sent.find((r) => r.method === 'PATCH')?.data).toEqual({ beds: 1 });
  });

  it('when the bed count is not a whole number, refuses it before asking the server', async () => {
    const { sent } = renderAsStaff(() => ({ statusCode: 500, data: null }));
    await screen.findByTestId('room-twin');
    await typeInto('beds-twin', '3.5');
    await act(async () => fireEvent.click(screen.getByTestId('save-beds-twin')));
    expect((await screen.findByTestId('beds-error-twin')).textContent).toContain('整数');
    expect(sent.filter((r) => r.method !== 'GET')).toHaveLength(0);
  });

  it('saves a new bed count and shows the new total', async () => {
    let current = station;
    const { sent, toast } = renderAsStaff(
      (method, url, data) => {
        if (method === 'PATCH' && url.endsWith('/stations/3/room-types/12')) {
          const beds = (data as { beds: number }).beds;
          current = {
            ...station,
            totalBeds: 12 + beds,
            roomTypes: [station.roomTypes[0]!, { ...station.roomTypes[1]!, beds }],
          };
          return { statusCode: 200, data: current.roomTypes[1] };
        }
        return { statusCode: 500, data: null };
      },
      () => [current],
    );
    await screen.findByTestId('room-twin');
    await typeInto('beds-twin', '10');
    await act(async () => fireEvent.click(screen.getByTestId('save-beds-twin')));
    await waitFor(() => expect(document.body.textContent).toContain('共 22 张'));
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' }));
    expect(screen.queryByTestId('beds-error-twin')).toBeNull();
    // read past the lists' cache: a copy from before the save would put the old count back in the form
    const lists = sent.filter((r) => r.method === 'GET' && r.url.endsWith('/api/v1/stations'));
    expect(lists.at(-1)!.header['Cache-Control']).toBe('no-cache');
  });

  it("saves the station's contact and rules (one per line)", async () => {
    const { sent, toast } = renderAsStaff((method, url, data) =>
      method === 'PATCH' && url.endsWith('/stations/3')
        ? { statusCode: 200, data: { ...station, ...(data as object) } }
        : { statusCode: 500, data: null },
    );
    await screen.findByTestId('page-station-manage');
    await typeInto('station-contact', '值班经理 139 0000 1111');
    await typeInto('station-rules', '22:00后保持安静\n\n 禁止吸烟 ');
    await act(async () => fireEvent.click(screen.getByTestId('save-station')));
    await waitFor(() =>
      expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' })),
    );
    const patch = sent.find((r) => r.method === 'PATCH');
    expect(patch?.data).toMatchObject({
      contact: '值班经理 139 0000 1111',
      rules: ['22:00后保持安静', '禁止吸烟'],
    });
    expect(screen.queryByTestId('station-error')).toBeNull();
  });

  it("saves the station's position on the map, both halves together", async () => {
    const { sent } = renderAsStaff((method, url, data) =>
      method === 'PATCH' && url.endsWith('/stations/3')
        ? { statusCode: 200, data: { ...station, ...(data as object) } }
        : { statusCode: 500, data: null },
    );
    await screen.findByTestId('page-station-manage');
    await typeInto('station-latitude', '31.17552');
    await typeInto('station-longitude', '121.42291');
    await act(async () => fireEvent.click(screen.getByTestId('save-station')));
    await waitFor(() => expect(sent.find((r) => r.method === 'PATCH')).toBeDefined());
    expect(sent.find((r) => r.method === 'PATCH')?.data).toMatchObject({
      coordinates: { latitude: 31.17552, longitude: 121.42291 },
    });
  });

  it.each([
    ['31.17552', '', '纬度和经度需一起填写，或都留空'],
    ['311.7', '121.4', '纬度应为 -90 到 90 之间的数字，如 31.1755'],
    ['31.2', '181', '经度应为 -180 到 180 之间的数字，如 121.4229'],
  ])(
    'refuses the position %s, %s before asking the server',
    async (latitude, longitude, reason) => {
      const { sent } = renderAsStaff(() => ({ statusCode: 500, data: null }));
      await screen.findByTestId('page-station-manage');
      await typeInto('station-latitude', latitude);
      await typeInto('station-longitude', longitude);
      await act(async () => fireEvent.click(screen.getByTestId('save-station')));
      expect((await screen.findByTestId('station-error')).textContent).toBe(reason);
      expect(sent.filter((r) => r.method !== 'GET')).toHaveLength(0);
    },
  );

  it('when the map link is not https, refuses it before asking the server', async () => {
    const { sent } = renderAsStaff(() => ({ statusCode: 500, data: null }));
    await screen.findByTestId('page-station-manage');
    await typeInto('station-map', 'http://map.example.com');
    await act(async () => fireEvent.click(screen.getByTestId('save-station')));
    expect((await screen.findByTestId('station-error')).textContent).toBe(
      '地图链接需以 https:// 开头',
    );
    expect(sent.filter((r) => r.method !== 'GET')).toHaveLength(0);
  });

  it('when the server refuses the details, shows its message next to the form', async () => {
    renderAsStaff((method, url) =>
      method === 'PATCH' && url.endsWith('/stations/3')
        ? apiError(404, 'STATION_NOT_FOUND', STATION_ERRORS.STATION_NOT_FOUND)
        : { statusCode: 500, data: null },
    );
    await screen.findByTestId('page-station-manage');
    await act(async () => fireEvent.click(screen.getByTestId('save-station')));
    expect((await screen.findByTestId('station-error')).textContent).toBe('未找到该驿站');
  });

  it("station staff set their own station's rules; an empty field goes back to the district default", async () => {
    const { sent } = renderAsStaff((method, url, data) =>
      method === 'PUT' && url.endsWith('/stations/3/rules')
        ? {
            statusCode: 200,
            data: {
              ...stationRules,
              overrides: { ...stationRules.overrides, ...(data as object) },
            },
          }
        : { statusCode: 500, data: null },
    );
    await screen.findByTestId('station-rules');
    // the district defaults are the committee's: not shown to station staff
    expect(screen.queryByTestId('settings')).toBeNull();
    expect(screen.getByText('沿用全区默认（人工审核）')).toBeTruthy();
    fireEvent.click(screen.getByText('自动通过'));
    expect(screen.getByText('沿用全区默认（按晚累计（可分多次））')).toBeTruthy();
    fireEvent.click(
      within(screen.getByTestId('station-allowance-rule')).getByText('每个周期限 1 次'),
    );
    await typeInto('rule-allowanceNights', '3');
    // the eligibility rules: proof required here, the declaration as the district says
    expect(screen.getByText('沿用全区默认（需要声明）')).toBeTruthy();
    fireEvent.click(within(screen.getByTestId('station-proofRequired')).getByText('必须上传'));
    await typeInto('rule-graduatedWithinMonths', '12');
    await act(async () => fireEvent.click(screen.getByTestId('save-station-rules')));
    await waitFor(() => expect(sent.find((r) => r.method === 'PUT')).toBeTruthy());
    expect(sent.find((r) => r.method === 'PUT')).toMatchObject({
      url: expect.stringMatching(/\/stations\/3\/rules$/),
      data: {
        autoApprove: true,
        allowanceRule: 'one_stay',
        allowanceNights: 3,
        maxNightsPerStay: null,
        proofRequired: true,
        noLocalHomeRequired: null,
        graduatedWithinMonths: 12,
        graduatingWithinMonths: null,
      },
    });
    expect(screen.queryByTestId('station-rules-error')).toBeNull();
  });

  it('refuses a station allowance that is not a whole number, and sends nothing', async () => {
    const { sent } = renderAsStaff(() => ({ statusCode: 500, data: null }));
    await screen.findByTestId('station-rules');
    await typeInto('rule-maxNightsPerStay', '40');
    await act(async () => fireEvent.click(screen.getByTestId('save-station-rules')));
    expect((await screen.findByTestId('station-rules-error')).textContent).toBe(
      '每次最多入住请填写1–30的整数，或留空沿用全区默认',
    );
    expect(sent.filter((r) => r.method === 'PUT')).toEqual([]);
  });

  it('the committee (admin) saves the district defaults: auto-approve and the nights allowance', async () => {
    const { sent } = renderAsStaff(
      (method, url, data) =>
        method === 'PUT' && url.endsWith('/stations/settings')
          ? { statusCode: 200, data: { ...settings, ...(data as object) } }
          : { statusCode: 500, data: null },
      () => [station],
      'admin',
    );
    await screen.findByTestId('settings');
    fireEvent.click(within(screen.getByTestId('settings')).getByText('自动通过'));
    fireEvent.click(
      within(screen.getByTestId('settings-allowance-rule')).getByText('每个周期限 1 次'),
    );
    await typeInto('setting-allowanceNights', '10');
    await act(async () => fireEvent.click(screen.getByTestId('save-settings')));
    await waitFor(() => expect(sent.find((r) => r.method === 'PUT')).toBeTruthy());
    expect(sent.find((r) => r.method === 'PUT')?.data).toMatchObject({
      autoApprove: true,
      allowanceRule: 'one_stay',
      allowanceNights: 10,
      maxNightsPerStay: 7,
      minAge: 18,
    });
    expect(screen.queryByTestId('settings-error')).toBeNull();
  });

  it("when the age range is reversed, shows the server's refusal", async () => {
    renderAsStaff(
      (method, url) =>
        method === 'PUT' && url.endsWith('/stations/settings')
          ? apiError(400, 'VALIDATION_FAILED', '最小年龄不能大于最大年龄')
          : { statusCode: 500, data: null },
      () => [station],
      'admin',
    );
    await screen.findByTestId('settings');
    await typeInto('setting-minAge', '40');
    await act(async () => fireEvent.click(screen.getByTestId('save-settings')));
    expect((await screen.findByTestId('settings-error')).textContent).toBe(
      '最小年龄不能大于最大年龄',
    );
  });
});
