// The dashboard page: an admin sees the district's six figures, each drawn from the API's rows
// and with its CSV; the scope and by-round controls ask the server again; staff see only their
// organizations; without the role, the one 「仅限组织者使用」 state.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Role } from '@/contract/account';
import { DASHBOARD_FIGURES, type DashboardFigure } from '@/contract/dashboard';
import { useSession } from '@/lib/session';
import DashboardPage from '@/features/dashboard/pages/index/index';
import { scriptRequests, silenceUi } from '../../platform';

// jsdom has no canvas: record what the page asks chart.js to draw instead
const drawn: Array<{ labels: string[]; datasets: Array<{ label: string; data: number[] }> }> = [];
jest.mock('chart.js', () => {
  class Chart {
    static register() {}
    constructor(_canvas: unknown, config: { data: (typeof drawn)[number] }) {
      drawn.push(config.data);
    }
    destroy() {}
  }
  return {
    Chart,
    BarController: {},
    BarElement: {},
    CategoryScale: {},
    Legend: {},
    LineController: {},
    LineElement: {},
    LinearScale: {},
    PointElement: {},
    Tooltip: {},
  };
});

// the browser's file save, recorded
const saved: string[] = [];
jest.mock('@/lib/save-file', () => ({
  saveBlob: (_blob: Blob, filename: string) => saved.push(filename),
}));

function signInAs(role: Role, orgIds: string[] = []) {
  useSession.setState({
    token: 't',
    expiresAt: '2999-01-01T00:00:00Z',
    user: { id: '7', role, orgIds, name: '李青', profileComplete: true },
  });
}

const ORGS = [
  {
    id: '3',
    kind: 'station',
    name: '青年人才驿站·漕河泾合作酒店',
    district: '徐汇区',
    address: null,
    summary: null,
  },
  { id: '5', kind: 'site', name: '徐汇暑托班点', district: '徐汇区', address: null, summary: null },
];

/** A figure as the API answers it: two months, the first series 12 and 30. */
function figureOf(url: string): DashboardFigure {
  const figure = DASHBOARD_FIGURES.find((f) => url.includes(`/${f}?`))!;
  const district = url.includes('/district/');
  return {
    figure,
    title: figure,
    scope: {
      kind: district ? 'district' : 'org',
      orgId: district ? null : '3',
      name: district ? '全区' : '驿站',
    },
    by: url.includes('by=round') ? 'round' : 'month',
    from: '2026-01',
    to: '2026-02',
    series: [
      { key: 'total', label: '服务居民', unit: '人' },
      { key: 'available', label: '可用床晚', unit: '晚' },
    ],
    rows: [
      { key: '2026-01', label: '2026年1月', values: [12, 40] },
      { key: '2026-02', label: '2026年2月', values: [30, 40] },
    ],
  };
}

function api() {
  return scriptRequests((_method, url) => {
    if (url.endsWith('/api/v1/orgs')) return { statusCode: 200, data: { items: ORGS } };
    if (url.includes('.csv')) return { statusCode: 200, data: '\uFEFF月份\r\n' };
    return { statusCode: 200, data: figureOf(url) };
  });
}

beforeEach(() => {
  drawn.length = 0;
  saved.length = 0;
});

it('an admin sees the six district figures, each drawn from its rows', async () => {
  silenceUi();
  signInAs('admin');
  const sent = api();
  render(<DashboardPage />);
  await waitFor(() => expect(drawn).toHaveLength(6), { timeout: 5000 });
  for (const f of DASHBOARD_FIGURES) expect(screen.getByTestId(`figure-${f}`)).toBeTruthy();
  const figureCalls = sent.filter((s) => s.url.includes('/dashboards/'));
  expect(figureCalls.every((s) => s.url.includes('/dashboards/district/'))).toBe(true);
  expect(figureCalls.every((s) => s.url.includes('by=month'))).toBe(true);
  expect(drawn[0].labels).toEqual(['2026年1月', '2026年2月']);
  expect(screen.getByText(/全区 · 近12个月 · 按月/)).toBeTruthy();
});

it('按轮次 asks every figure again by round', async () => {
  silenceUi();
  signInAs('admin');
  const sent = api();
  render(<DashboardPage />);
  await waitFor(() => expect(drawn).toHaveLength(6), { timeout: 5000 });
  fireEvent.click(screen.getByTestId('by-round'));
  await waitFor(() => expect(sent.filter((s) => s.url.includes('by=round'))).toHaveLength(6));
});

it('each chart downloads its CSV from the same scope and range', async () => {
  silenceUi();
  signInAs('admin');
  const sent = api();
  render(<DashboardPage />);
  await waitFor(() => expect(drawn).toHaveLength(6), { timeout: 5000 });
  fireEvent.click(screen.getByTestId('csv-occupancy'));
  await waitFor(() => expect(saved).toEqual(['occupancy-全区-2026-01至2026-02.csv']));
  await waitFor(() =>
    expect(sent.map((s) => s.url).find((u) => u.includes('.csv'))).toMatch(
      /\/api\/v1\/dashboards\/district\/occupancy\.csv\?by=month&from=\d{4}-\d{2}&to=\d{4}-\d{2}$/,
    ),
  );
});

it('staff see their own organizations only, never the district', async () => {
  silenceUi();
  signInAs('organizer', ['3']);
  const sent = api();
  render(<DashboardPage />);
  await waitFor(() => expect(drawn).toHaveLength(6), { timeout: 5000 });
  const figureCalls = sent.filter((s) => s.url.includes('/dashboards/'));
  expect(figureCalls.every((s) => s.url.includes('/dashboards/orgs/3/'))).toBe(true);
  expect(screen.getByTestId('scope-picker').textContent).toContain('青年人才驿站·漕河泾合作酒店');
});

it('a resident gets 仅限组织者使用 and the page asks the server nothing', () => {
  silenceUi();
  signInAs('resident');
  const sent = api();
  render(<DashboardPage />);
  expect(screen.getByText('仅限组织者使用')).toBeTruthy();
  expect(sent).toEqual([]);
});
