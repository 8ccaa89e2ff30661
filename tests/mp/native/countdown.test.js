// <countdown> (src/native/countdown): the native component in miniprogram-simulate, plus its pure
// formatting module. Weui-miniprogram style: load once, render, attach, read the text, listen for
// the event. Jest's fake timers drive both Date.now() and the component's setTimeout.
const path = require('path');
const simulate = require('miniprogram-simulate');
const format = require('../../../src/native/countdown/format');

const SERVER_NOW = Date.parse('2025-07-01T08:00:00+08:00');
const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('countdown/format', () => {
  describe('formatClock', () => {
    it.each([
      ['exactly 2 days 3h4m5s', 2 * D + 3 * H + 4 * M + 5 * S, '2天 03:04:05'],
      ['exactly one day shows the day part', D, '1天 00:00:00'],
      ['just under a day has no day part', D - S, '23:59:59'],
      ['one minute', M, '00:01:00'],
      ['a fraction of a second rounds UP (never shows 00:00:00 before the start)', 400, '00:00:01'],
      ['1.001 s rounds up to 2 s', 1001, '00:00:02'],
      ['zero', 0, '00:00:00'],
      ['negative (already past) clamps to zero', -5 * S, '00:00:00'],
      ['many days keep hours two-digit', 12 * D + 23 * H + 59 * M + 59 * S, '12天 23:59:59'],
    ])('%s', (_name, ms, expected) => {
      expect(format.formatClock(ms)).toBe(expected);
    });
  });

  describe('parseTarget', () => {
    it.each([
      ['ISO with +08:00 offset', '2025-07-01T08:00:00+08:00', SERVER_NOW],
      ['ISO in UTC', '2025-07-01T00:00:00Z', SERVER_NOW],
      ['epoch ms number', SERVER_NOW, SERVER_NOW],
      ['epoch ms written as a wxml string', String(SERVER_NOW), SERVER_NOW],
    ])('%s', (_name, input, expected) => {
      expect(format.parseTarget(input)).toBe(expected);
    });

    it.each([[''], ['   '], ['not a date'], [undefined], [null], [NaN], [Infinity], [{}]])(
      'rejects %p as NaN',
      (input) => {
        expect(format.parseTarget(input)).toBeNaN();
      },
    );
  });

  describe('remainingMs', () => {
    it.each([
      ['no offset', 10 * S, 0, 10 * S],
      ['phone 5 min slow (offset +5 min) leaves less time', 10 * M, 5 * M, 5 * M],
      ['phone 2 min fast (offset -2 min) leaves more time', 10 * M, -2 * M, 12 * M],
      ['missing offset counts as 0', 10 * S, undefined, 10 * S],
    ])('%s', (_name, ahead, offset, expected) => {
      expect(format.remainingMs(SERVER_NOW + ahead, SERVER_NOW, offset)).toBe(expected);
    });
  });

  describe('msUntilNextTick', () => {
    it.each([
      [5 * S, 1000],
      [5 * S + 250, 250],
      [999, 999],
      [0, 0],
      [-10, 0],
    ])('with %p ms left waits %p ms', (left, expected) => {
      expect(format.msUntilNextTick(left)).toBe(expected);
    });
  });
});

describe('<countdown>', () => {
  let countdownId;
  const rendered = [];

  beforeAll(() => {
    countdownId = simulate.load(path.resolve(__dirname, '../../../src/native/countdown/index'));
  });

  beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(SERVER_NOW);
  });

  afterEach(() => {
    while (rendered.length) rendered.pop().detach();
    jest.useRealTimers();
  });

  function mount(props, id = countdownId) {
    const comp = simulate.render(id, props);
    comp.attach(document.createElement('parent-wrapper'));
    rendered.push(comp);
    return comp;
  }

  const textOf = (comp) => comp.querySelector('.countdown__text').dom.textContent;

  it('shows days, then hh:mm:ss, for a target 2 days 3h4m5s ahead', () => {
    const comp = mount({
      target: new Date(SERVER_NOW + 2 * D + 3 * H + 4 * M + 5 * S).toISOString(),
    });
    expect(textOf(comp)).toBe('距开始 2天 03:04:05');
    expect(comp.data.ended).toBe(false);
  });

  it('accepts epoch ms and leaves out the day part under one day', () => {
    const comp = mount({ target: SERVER_NOW + 3 * H + 4 * M + 5 * S, prefix: '距截止' });
    expect(textOf(comp)).toBe('距截止 03:04:05');
  });

  it('counts against server time: a phone 5 minutes slow still shows the true time left', () => {
    const target = SERVER_NOW + H;
    // The phone thinks it is 07:55; the API told us the server is 5 minutes ahead of it.
    jest.setSystemTime(SERVER_NOW - 5 * M);
    const naive = mount({ target });
    const synced = mount({ target, serverOffset: 5 * M });
    expect(textOf(naive)).toBe('距开始 01:05:00');
    expect(textOf(synced)).toBe('距开始 01:00:00');
  });

  it('ticks down one second at a time', () => {
    const comp = mount({ target: SERVER_NOW + 2 * D + 3 * H + 4 * M + 5 * S });
    jest.advanceTimersByTime(1000);
    expect(textOf(comp)).toBe('距开始 2天 03:04:04');
    jest.advanceTimersByTime(5 * S);
    expect(textOf(comp)).toBe('距开始 2天 03:03:59');
    expect(jest.getTimerCount()).toBe(1);
  });

  it('at zero shows 已开始, stops its timer and fires `end` exactly once', () => {
    const target = SERVER_NOW + 3 * S;
    const comp = mount({ target });
    const onEnd = jest.fn();
    comp.addEventListener('end', (e) => onEnd(e.detail));

    jest.advanceTimersByTime(2 * S);
    expect(textOf(comp)).toBe('距开始 00:00:01');
    expect(onEnd).not.toHaveBeenCalled();

    jest.advanceTimersByTime(1 * S);
    expect(textOf(comp)).toBe('已开始');
    expect(comp.data.ended).toBe(true);
    expect(onEnd).toHaveBeenCalledTimes(1);
    expect(onEnd).toHaveBeenCalledWith({ target });
    expect(jest.getTimerCount()).toBe(0);

    jest.advanceTimersByTime(10 * S);
    expect(onEnd).toHaveBeenCalledTimes(1);
    expect(textOf(comp)).toBe('已开始');
  });

  it('uses a custom endText and ends at once when the target is already past', () => {
    const comp = mount({ target: SERVER_NOW - M, endText: '已截止' });
    expect(textOf(comp)).toBe('已截止');
    expect(jest.getTimerCount()).toBe(0);
  });

  it('shows a placeholder and runs no timer for a missing or invalid target', () => {
    const comp = mount({ target: 'soon' });
    expect(textOf(comp)).toBe('距开始 --:--:--');
    expect(jest.getTimerCount()).toBe(0);
  });

  it('stops updating when detached (no timer left, no more setData)', () => {
    const comp = mount({ target: SERVER_NOW + H });
    expect(jest.getTimerCount()).toBe(1);
    const setData = jest.spyOn(comp.instance, 'setData');

    comp.detach();
    expect(jest.getTimerCount()).toBe(0);
    jest.advanceTimersByTime(5 * S);
    expect(setData).not.toHaveBeenCalled();
    expect(comp.data.clock).toBe('01:00:00');
  });

  describe('inside a host page (bind:end, changing properties)', () => {
    let hostId;
    beforeAll(() => {
      hostId = simulate.load({
        usingComponents: { countdown: countdownId },
        template:
          '<countdown class="cd" target="{{target}}" server-offset="{{offset}}" bind:end="onEnd" />',
        properties: { target: { type: null, value: '' } },
        data: { offset: 0, ends: [] },
        methods: {
          onEnd(e) {
            this.setData({ ends: this.data.ends.concat(e.detail.target) });
          },
        },
      });
    });

    it('recomputes at once when target or serverOffset change, and fires end once per target', () => {
      const host = mount({ target: SERVER_NOW + 2 * S }, hostId);
      const cd = host.querySelector('.cd');
      expect(textOf(cd)).toBe('距开始 00:00:02');

      host.setData({ offset: -M }); // a fresh sync says the server is a minute behind the phone
      expect(textOf(cd)).toBe('距开始 00:01:02');
      expect(jest.getTimerCount()).toBe(1);
      host.setData({ offset: 0 });

      jest.advanceTimersByTime(2 * S);
      expect(textOf(cd)).toBe('已开始');
      expect(host.data.ends).toEqual([SERVER_NOW + 2 * S]);

      // A later clock resync recomputes, but must not announce the same start twice.
      host.setData({ offset: 2 * S });
      jest.advanceTimersByTime(3 * S);
      expect(textOf(cd)).toBe('已开始');
      expect(host.data.ends).toEqual([SERVER_NOW + 2 * S]);

      // The next registration window: the same component counts again and ends again.
      const next = SERVER_NOW + 17 * S; // server clock is now +7 s (5 s elapsed, offset 2 s)
      host.setData({ target: next });
      expect(textOf(cd)).toBe('距开始 00:00:10');
      jest.advanceTimersByTime(15 * S);
      expect(host.data.ends).toEqual([SERVER_NOW + 2 * S, next]);
      expect(jest.getTimerCount()).toBe(0);
    });
  });
});
