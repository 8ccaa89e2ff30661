// Pure helpers of <checkin-code>, kept apart so they are unit-tested without a component.

/** ISO-8601 instant, epoch ms, or epoch ms written as a wxml string → epoch ms (NaN if none). */
function parseInstant(v) {
  if (typeof v === 'number') return isFinite(v) ? v : NaN;
  if (typeof v !== 'string' || !v.trim()) return NaN;
  if (/^\d+$/.test(v.trim())) return Number(v.trim());
  var t = Date.parse(v);
  return isNaN(t) ? NaN : t;
}

/** Whole seconds until the next code (rounded up, never negative), on SERVER time. */
function secondsLeft(refreshAtMs, phoneNowMs, serverOffsetMs) {
  var left = refreshAtMs - (phoneNowMs + (serverOffsetMs || 0));
  return left <= 0 ? 0 : Math.ceil(left / 1000);
}

/** The last 6 characters of a token, grouped "ABC DEF": what staff read aloud if a scan fails. */
function shortCode(token) {
  if (typeof token !== 'string' || token.length < 6) return '';
  var tail = token.slice(-6).toUpperCase();
  return tail.slice(0, 3) + ' ' + tail.slice(3);
}

module.exports = { parseInstant: parseInstant, secondsLeft: secondsLeft, shortCode: shortCode };
