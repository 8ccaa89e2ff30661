// Smoke test of the REAL WeChat output of 爱心暑托班's class list (the childcare subpackage's
// landing page) as `taro build --type weapp` wrote it, run by miniprogram-simulate. Boot code
// follows tests/mp/pages/home.test.js (the lead may factor it into tests/mp/boot-weapp.js); here
// wx.request answers with a scripted programme so the page renders real classes through Taro.
const { answer, bootWeapp, waitFor } = require('../../weapp-host');

const HOME = 'features/childcare/pages/index/index';

const NOW = '2026-11-30T23:59:00.000Z';
const PROGRAMME = {
  id: '2',
  name: '2027爱心寒托班',
  season: 'winter',
  prefillOpensAt: '2026-11-20T00:00:00.000Z',
  registrationOpensAt: '2026-12-01T00:00:00.000Z',
  registrationClosesAt: '2027-01-22T09:00:00.000Z',
  offerHours: 24,
  notice: null,
};
const cls = (id, name, remaining, waiting) => ({
  id,
  name,
  periodId: '11',
  periodName: '第一期',
  programmeName: '2027爱心寒托班',
  startsOn: '2027-01-25',
  endsOn: '2027-02-05',
  siteId: '5',
  siteName: '2026爱心暑托班·长风新村街道社区中心',
  siteAddress: '上海市普陀区天山路1718号',
  capacity: 35,
  taken: 35 - remaining,
  remaining,
  waiting,
  gradeMin: 1,
  gradeMax: 2,
  feeFen: 40000,
  whatToBring: '水杯',
});
function route(url) {
  // the catalogue carries no clock (it is cached): the page asks the server's time apart
  if (url.endsWith('/api/v1/time')) return { now: NOW };
  if (url.endsWith('/api/v1/childcare/programmes')) return { items: [PROGRAMME] };
  if (url.endsWith('/api/v1/childcare/programmes/2')) {
    return {
      programme: PROGRAMME,
      periods: [{ id: '11', seq: 1, name: '第一期', startsOn: '2027-01-25', endsOn: '2027-02-05' }],
      classes: [cls('31', '低年级班', 12, 0), cls('32', '高年级班', 0, 7)],
    };
  }
  return null;
}

describe('weapp build: features/childcare/pages/index (class list)', () => {
  let host;
  beforeAll(() => {
    host = bootWeapp({
      route: HOME,
      wx: {
        request: (opts) => {
          const data = route(opts.url);
          const res = data
            ? { statusCode: 200, data, header: {}, errMsg: 'request:ok' }
            : { statusCode: 404, data: {}, header: {}, errMsg: 'request:ok' };
          return answer(opts, res);
        },
      },
    });
  });
  afterAll(() => host?.close());

  it('renders the classes of the open programme by period, with seats left, and opens a class on tap', async () => {
    const page = host.open(HOME);

    const text = () => page.dom.textContent;
    await waitFor(() => {
      expect(text()).toContain('低年级班');
      expect(text()).toContain('高年级班');
    }, 'the class list to render from the API');
    expect(text()).toContain('第一期 · 01-25 至 02-05');
    expect(text()).toContain('余 12 / 35');
    expect(text()).toContain('已满 · 候补 7 人');
    expect(text()).toContain('¥400/期');
    expect(text()).toContain('2026年12月1日 08:00');

    const cards = page.querySelectorAll('.cc-class');
    expect(cards).toHaveLength(2);
    cards[0].dispatchEvent('tap');
    await waitFor(
      () => expect(host.nav).toHaveBeenCalledTimes(1),
      'the tap to reach wx.navigateTo',
    );
    expect(host.nav.mock.calls[0][0]).toEqual(
      expect.objectContaining({ url: '/features/childcare/pages/class/index?id=31' }),
    );

    page.detach();
    expect(host.openPages()).toHaveLength(0);
  });
});
