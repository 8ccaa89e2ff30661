// <countdown>: time left until a registration opens or an offer expires, on SERVER time.
//
// Hand-written as a native component (docs/adr/0002-native-components-only-where-they-earn-it.md)
// because it re-renders every second: a native setData of one short string is far cheaper than a
// React re-render through Taro's runtime tree.
var format = require('./format');

Component({
  // Lets pages size/colour the box with their own class via `custom-class`.
  externalClasses: ['custom-class'],

  properties: {
    // ISO-8601 instant (with offset, as the API sends it) or epoch ms: `type: null` accepts both.
    target: { type: null, value: '' },
    // ms to ADD to the phone's Date.now() to get server time (serverNow - phoneNow at last sync).
    serverOffset: { type: Number, value: 0 },
    prefix: { type: String, value: '距开始' },
    endText: { type: String, value: '已开始' },
  },

  data: {
    clock: '--:--:--',
    ended: false,
  },

  observers: {
    // A new deadline (or a fresh clock sync from the API) must show at once, not on the next tick.
    'target, serverOffset': function () {
      // Before `attached` there is nothing to update on screen and no timer may be started yet:
      // `attached` will do the first sync itself.
      if (this._attached) this._sync();
    },
  },

  lifetimes: {
    attached: function () {
      this._attached = true;
      this._timer = null;
      this._endedFor = undefined;
      this._sync();
    },
    detached: function () {
      // A timer left behind would keep calling setData on a dead component (and keep the page
      // alive in memory) after the user navigates away.
      this._attached = false;
      this._clear();
    },
  },

  pageLifetimes: {
    // WeChat throttles timers while the app is in the background; resync the moment it returns
    // so the display is never stale.
    show: function () {
      if (this._attached) this._sync();
    },
  },

  methods: {
    _clear: function () {
      if (this._timer) {
        clearTimeout(this._timer);
        this._timer = null;
      }
    },

    // Recompute from the clock (never by decrementing a counter: ticks drift and get delayed),
    // update the view if the text changed, and schedule the next tick on the second boundary.
    _sync: function () {
      this._clear();
      var targetMs = format.parseTarget(this.data.target);

      if (isNaN(targetMs)) {
        this._show({ clock: '--:--:--', ended: false });
        return;
      }

      var left = format.remainingMs(targetMs, Date.now(), this.data.serverOffset);

      if (left <= 0) {
        this._show({ clock: '00:00:00', ended: true });
        // `end` fires once per target: pages use it to reload or enable a button, and a second
        // firing (a resync, a page show) would send a duplicate request.
        if (this._endedFor !== targetMs) {
          this._endedFor = targetMs;
          this.triggerEvent('end', { target: targetMs });
        }
        return;
      }

      this._show({ clock: format.formatClock(left), ended: false });
      var self = this;
      this._timer = setTimeout(function () {
        self._timer = null;
        if (self._attached) self._sync();
      }, format.msUntilNextTick(left));
    },

    // Skip setData when nothing changed: every setData crosses the logic/view thread boundary.
    _show: function (next) {
      if (next.clock === this.data.clock && next.ended === this.data.ended) return;
      this.setData(next);
    },
  },
});
