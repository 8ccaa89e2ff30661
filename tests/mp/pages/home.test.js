// Smoke test of the REAL WeChat output: dist/pages/home booted by tests/mp/weapp-host.js. It
// proves the compiled page boots, React renders through Taro's base.wxml templates, and a tap on
// a card reaches the React handler and wx.navigateTo.
const { bootWeapp, waitFor } = require('../weapp-host');

const HOME = 'pages/home/index';

describe('weapp build: pages/home', () => {
  let host;
  beforeAll(() => {
    host = bootWeapp({ route: HOME });
  });
  afterAll(() => host?.close());

  it('renders the four service cards, then opens 青年驿站 on tap', async () => {
    const page = host.open(HOME);
    const text = () => page.dom.textContent;
    await waitFor(() => {
      for (const name of ['青年夜校', '青年驿站', '爱心托班', '志愿服务'])
        expect(text()).toContain(name);
    }, 'React to render the four cards');
    expect(text()).toContain('你好，青年');

    // Taro's base.wxml does not pass data-testid through to WXML (only data-sid), so the card is
    // found by its visible name, as a user would.
    const cards = page.querySelectorAll('.service-card');
    const names = page.querySelectorAll('.service-card__name').map((n) => n.dom.textContent);
    expect(cards).toHaveLength(4);
    expect(names).toEqual(['青年夜校', '青年驿站', '爱心托班', '志愿服务']);
    const station = cards.find((c) => c.dom.textContent.includes('青年驿站'));
    expect(host.nav).not.toHaveBeenCalled();
    station.dispatchEvent('tap');

    await waitFor(
      () => expect(host.nav).toHaveBeenCalledTimes(1),
      'the tap to reach wx.navigateTo',
    );
    expect(host.nav.mock.calls[0][0]).toEqual(
      expect.objectContaining({ url: '/features/station/pages/index/index' }),
    );

    // Leaving the page runs Taro's onUnload (React unmount) without throwing.
    page.detach();
    expect(host.openPages()).toHaveLength(0);
  });
});
