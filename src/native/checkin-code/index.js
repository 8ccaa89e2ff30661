// <checkin-code>: the organizer's full-screen rotating on-site check-in code.
//
// Native (docs/adr/0002-native-components-only-where-they-earn-it.md) because it redraws every
// second for hours on a propped-up phone: one short setData per second instead of a React render
// through Taro's tree. The component never fetches: when the code's window ends (on SERVER time)
// it fires `refresh` once, and the host page fetches GET /volunteer/shifts/:id/checkin-code and
// passes the new qr/token/refreshAt back in.
var format = require('./format');

// If the host has not delivered a new code this long after asking, ask again (a lost request).
var RETRY_MS = 5000;

Component({
  externalClasses: ['custom-class'],

  properties: {
    /** PNG data URL of the QR code (from the API). */
    qr: { type: String, value: '' },
    /** The signed token itself (shown shortened under the QR). */
    token: { type: String, value: '' },
    /** ISO instant (or epoch ms) when this code's window ends and the next one must be shown. */
    refreshAt: { type: null, value: '' },
    /** ms to ADD to the phone's Date.now() to get server time. */
    serverOffset: { type: Number, value: 0 },
    title: { type: String, value: '扫码签到' },
  },

  data: {
    seconds: 0,
    short: '',
    waiting: true,
  },

  observers: {
    'token, refreshAt, serverOffset': function () {
      if (this._attached) this._sync();
    },
  },

  lifetimes: {
    attached: function () {
      this._attached = true;
      this._timer = null;
      this._askedFor = undefined;
      this._askedAt = 0;
      this._sync();
    },
    detached: function () {
      this._attached = false;
      this._clear();
    },
  },

  pageLifetimes: {
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

    _ask: function (refreshAtMs) {
      var now = Date.now();
      // once per window; again only after RETRY_MS without an answer
      if (this._askedFor === refreshAtMs && now - this._askedAt < RETRY_MS) return;
      this._askedFor = refreshAtMs;
      this._askedAt = now;
      this.triggerEvent('refresh', { refreshAt: isNaN(refreshAtMs) ? null : refreshAtMs });
    },

    _sync: function () {
      this._clear();
      var refreshAtMs = format.parseInstant(this.data.refreshAt);
      var short = format.shortCode(this.data.token);
      var self = this;
      if (!this.data.token || isNaN(refreshAtMs)) {
        this._show({ seconds: 0, short: short, waiting: true });
        this._ask(refreshAtMs);
      } else {
        var seconds = format.secondsLeft(refreshAtMs, Date.now(), this.data.serverOffset);
        this._show({ seconds: seconds, short: short, waiting: seconds === 0 });
        if (seconds === 0) this._ask(refreshAtMs);
      }
      // tick on the second; while waiting for a new code, re-check so a lost request is retried
      this._timer = setTimeout(function () {
        self._timer = null;
        if (self._attached) self._sync();
      }, 1000);
    },

    _show: function (next) {
      if (
        next.seconds === this.data.seconds &&
        next.short === this.data.short &&
        next.waiting === this.data.waiting
      )
        return;
      this.setData(next);
    },
  },
});
