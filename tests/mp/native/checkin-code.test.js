// <checkin-code> (src/native/checkin-code): the organizer's rotating code in miniprogram-simulate,
// plus its pure helpers. The component never fetches; it asks its host with a `refresh` event.
const path = require('path');
const simulate = require('miniprogram-simulate');
const format = require('../../../src/native/checkin-code/format');

const SERVER_NOW = Date.parse('2026-12-05T08:55:10+08:00');
const S = 1000;
const QR = 'data:image/png;base64,iVBORw0KGgo=';
const TOKEN = 'eyJwIjoidm9sdW50ZWVyLWNoZWNraW4ifQ.abcdefghijklmnopXYZ123';

describe('checkin-code/format', () => {
  it.each([
    ['20 s left', SERVER_NOW + 20 * S, 0, 20],
    ['a fraction rounds up', SERVER_NOW + 400, 0, 1],
    ['past clamps to 0', SERVER_NOW - 5 * S, 0, 0],
    ['phone 10 s slow (offset +10 s) leaves less', SERVER_NOW + 20 * S, 10 * S, 10],
    ['missing offset counts as 0', SERVER_NOW + 3 * S, undefined, 3],
  ])('secondsLeft: %s', (_n, refreshAt, offset, expected) => {
    expect(format.secondsLeft(refreshAt, SERVER_NOW, offset)).toBe(expected);
  });

  it.each([
    ['2026-12-05T00:55:30Z', Date.parse('2026-12-05T00:55:30Z')],
    [SERVER_NOW, SERVER_NOW],
    [String(SERVER_NOW), SERVER_NOW],
    ['', NaN],
    ['soon', NaN],
    [null, NaN],
    [Infinity, NaN],
  ])('parseInstant(%p)', (input, expected) => {
    if (Number.isNaN(expected)) expect(format.parseInstant(input)).toBeNaN();
    else expect(format.parseInstant(input)).toBe(expected);
  });

  it.each([
    [TOKEN, 'XYZ 123'],
    ['abc', ''],
    [undefined, ''],
  ])('shortCode(%p) = %p', (token, expected) => {
    expect(format.shortCode(token)).toBe(expected);
  });
});

describe('<checkin-code>', () => {
  let id;
  const rendered = [];
  beforeAll(() => {
    id = simulate.load(path.resolve(__dirname, '../../../src/native/checkin-code/index'));
  });
  beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(SERVER_NOW);
  });
  afterEach(() => {
    while (rendered.length) rendered.pop().detach();
    jest.useRealTimers();
  });

  function mount(props, compId = id) {
    const comp = simulate.render(compId, props);
    const events = [];
    comp.addEventListener('refresh', (e) => events.push(e.detail));
    comp.attach(document.createElement('parent-wrapper'));
    rendered.push(comp);
    return { comp, events };
  }
  const hint = (comp) => comp.querySelector('.checkin-code__hint').dom.textContent;

  it('shows the QR, the short code and the seconds until the next code', () => {
    const { comp, events } = mount({ qr: QR, token: TOKEN, refreshAt: SERVER_NOW + 20 * S });
    // the QR image is drawn (not the placeholder)
    expect(comp.querySelector('.checkin-code__qr').dom.tagName).toBe('WX-IMAGE');
    expect(comp.querySelector('.checkin-code__qr--empty')).toBeFalsy();
    expect(comp.querySelector('.checkin-code__short').dom.textContent).toBe('XYZ 123');
    expect(hint(comp)).toBe('20 秒后更新，截图无效');
    expect(events).toEqual([]);
  });

  it('asks its host for the first code at once when it has none', () => {
    const { comp, events } = mount({});
    expect(events).toEqual([{ refreshAt: null }]);
    expect(comp.querySelector('.checkin-code__qr--empty').dom.textContent).toBe('正在获取签到码…');
    expect(hint(comp)).toBe('正在更新签到码…');
  });

  it('counts down each second and fires `refresh` exactly once when the window ends', () => {
    const refreshAt = SERVER_NOW + 3 * S;
    const { comp, events } = mount({ qr: QR, token: TOKEN, refreshAt });
    jest.advanceTimersByTime(2 * S);
    expect(hint(comp)).toBe('1 秒后更新，截图无效');
    expect(events).toEqual([]);
    jest.advanceTimersByTime(1 * S);
    expect(events).toEqual([{ refreshAt }]);
    expect(comp.data.waiting).toBe(true);
    jest.advanceTimersByTime(3 * S); // host still fetching: no duplicate request
    expect(events).toHaveLength(1);
  });

  it('asks again if no new code arrived 5 s after asking (a lost request)', () => {
    const refreshAt = SERVER_NOW + 1 * S;
    const { events } = mount({ qr: QR, token: TOKEN, refreshAt });
    jest.advanceTimersByTime(1 * S);
    expect(events).toHaveLength(1);
    jest.advanceTimersByTime(5 * S);
    expect(events).toHaveLength(2);
  });

  it('counts against server time: a phone 10 s slow still switches on time', () => {
    jest.setSystemTime(SERVER_NOW - 10 * S);
    const { comp } = mount({
      qr: QR,
      token: TOKEN,
      refreshAt: SERVER_NOW + 30 * S,
      serverOffset: 10 * S,
    });
    expect(hint(comp)).toBe('30 秒后更新，截图无效');
  });

  it('stops its timer when detached', () => {
    const { comp } = mount({ qr: QR, token: TOKEN, refreshAt: SERVER_NOW + 30 * S });
    expect(jest.getTimerCount()).toBe(1);
    comp.detach();
    expect(jest.getTimerCount()).toBe(0);
  });

  describe('inside a host that fetches on `refresh`', () => {
    let hostId;
    beforeAll(() => {
      hostId = simulate.load({
        usingComponents: { 'checkin-code': id },
        template:
          '<checkin-code class="cc" qr="{{qr}}" token="{{token}}" refresh-at="{{refreshAt}}" bind:refresh="onRefresh" />',
        data: { qr: '', token: '', refreshAt: '', fetches: 0 },
        methods: {
          // stands in for GET /volunteer/shifts/:id/checkin-code: a new token each 30 s window
          onRefresh() {
            const n = this.data.fetches + 1;
            const windowEnd = (Math.floor(Date.now() / 30000) + 1) * 30000;
            this.setData({
              fetches: n,
              qr: `${QR}#${n}`,
              token: `${TOKEN}${n}abcde`,
              refreshAt: windowEnd,
            });
          },
        },
      });
    });

    it('gets a new code every 30 s and shows it', () => {
      const host = simulate.render(hostId);
      host.attach(document.createElement('parent-wrapper'));
      rendered.push(host);
      expect(host.data.fetches).toBe(1);
      const cc = host.querySelector('.cc');
      expect(cc.querySelector('.checkin-code__hint').dom.textContent).toBe('20 秒后更新，截图无效'); // 08:55:10 → :30
      jest.advanceTimersByTime(20 * S);
      expect(host.data.fetches).toBe(2);
      expect(cc.querySelector('.checkin-code__short').dom.textContent).toBe('2AB CDE');
      expect(cc.querySelector('.checkin-code__hint').dom.textContent).toBe('30 秒后更新，截图无效');
      jest.advanceTimersByTime(60 * S);
      expect(host.data.fetches).toBe(4);
    });
  });
});
