// Pure time arithmetic for the countdown component.
//
// Why a separate file: a WeChat component file runs `Component({...})` for its side effect and
// has no exports of its own that other code (or a test) could import. Keeping the arithmetic here,
// as plain CommonJS with no `wx`/`Component` references, lets index.js `require('./format')` it
// (relative require works in the mini-program runtime and in miniprogram-simulate alike) and lets
// tests check every edge case without rendering anything.

var SECOND = 1000;
var MINUTE = 60 * SECOND;
var HOUR = 60 * MINUTE;
var DAY = 24 * HOUR;

function pad2(n) {
  return n < 10 ? '0' + n : String(n);
}

// `target` arrives either as an ISO-8601 instant from the API (always with an offset,
// docs/adr/0009-business-time-is-beijing-time.md) or as epoch ms. Anything else yields NaN, which
// the component shows as "--:--:--" instead of a misleading number. Numeric strings are accepted
// because wxml attributes are strings when a page author writes target="1767225600000" literally.
function parseTarget(target) {
  if (typeof target === 'number') return isFinite(target) ? target : NaN;
  if (typeof target !== 'string' || target.trim() === '') return NaN;
  var s = target.trim();
  if (/^\d+$/.test(s)) return Number(s);
  var ms = Date.parse(s);
  return isNaN(ms) ? NaN : ms;
}

// Milliseconds left until `targetMs`, measured on the SERVER clock: the phone's Date.now() plus
// the offset the app learned from the API (serverNow - phoneNow). Parents' phones are often
// minutes off, and a registration that "opens" early on the phone would just get rejected.
function remainingMs(targetMs, nowMs, serverOffset) {
  return targetMs - (nowMs + (Number(serverOffset) || 0));
}

// Split into whole units. Seconds are rounded UP: with 0.4 s left we still show 00:00:01, so
// "00:00:00" never sits on screen while the thing has not started yet; the end state ("已开始")
// takes over exactly when the remainder reaches zero.
function split(ms) {
  var total = ms > 0 ? Math.ceil(ms / SECOND) : 0;
  var days = Math.floor(total / 86400);
  total -= days * 86400;
  var hours = Math.floor(total / 3600);
  total -= hours * 3600;
  var minutes = Math.floor(total / 60);
  var seconds = total - minutes * 60;
  return { days: days, hours: hours, minutes: minutes, seconds: seconds };
}

// "2天 03:04:05", or "03:04:05" under one day. Hours stay two digits (never "27:00:00") because
// the day part carries the rest.
function formatClock(ms) {
  var p = split(ms);
  var clock = pad2(p.hours) + ':' + pad2(p.minutes) + ':' + pad2(p.seconds);
  return p.days > 0 ? p.days + '天 ' + clock : clock;
}

// How long to wait before the displayed second changes. Aligning ticks to that boundary (instead of
// a free-running 1000 ms interval started at an arbitrary moment) keeps the display from lagging
// up to a second behind, and from skipping a digit when the JS thread was busy.
function msUntilNextTick(ms) {
  if (ms <= 0) return 0;
  var rest = ms % SECOND;
  return rest === 0 ? SECOND : rest;
}

module.exports = {
  SECOND: SECOND,
  MINUTE: MINUTE,
  HOUR: HOUR,
  DAY: DAY,
  parseTarget: parseTarget,
  remainingMs: remainingMs,
  split: split,
  formatClock: formatClock,
  msUntilNextTick: msUntilNextTick,
};
