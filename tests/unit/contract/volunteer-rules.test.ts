import {
  ACTION_ACTORS,
  REQUEST_ACTIONS,
  REQUEST_STATES,
  canCancel,
  checkinWindow,
  formatDistance,
  haversineMeters,
  insideGeofence,
  maskName,
  maskPhone,
  minutesBetween,
  nextRequestState,
  roundVolunteerHours,
  type RequestAction,
  type RequestState,
  confirmableInBulk,
  scanProof,
  weakestProof,
} from '@/contract/volunteer-rules';

describe('roundVolunteerHours (≤15 min → 0, ≤45 → 0.5, ≤60 → 1, per started hour)', () => {
  it.each([
    // [minutes, cap, hours]
    [0, Infinity, 0],
    [-30, Infinity, 0],
    [NaN, Infinity, 0],
    [1, Infinity, 0],
    [15, Infinity, 0],
    [16, Infinity, 0.5],
    [30, Infinity, 0.5],
    [45, Infinity, 0.5],
    [46, Infinity, 1],
    [59, Infinity, 1],
    [60, Infinity, 1],
    [61, Infinity, 1],
    [75, Infinity, 1],
    [76, Infinity, 1.5],
    [105, Infinity, 1.5],
    [106, Infinity, 2],
    [120, Infinity, 2],
    [145, Infinity, 2.5],
    [15.9, Infinity, 0], // a started minute does not count
    [480, Infinity, 8],
    // capped at the shift length, then rounded
    [270, 150, 2.5],
    [200, 120, 2],
    [130, 130, 2],
    [100, 0, 0],
  ])('%p min (cap %p) → %p h', (minutes, cap, hours) => {
    expect(roundVolunteerHours(minutes, cap)).toBe(hours);
  });

  it('never exceeds the rounded shift length, for any duration', () => {
    for (let cap = 1; cap <= 600; cap += 7) {
      for (let m = 0; m <= 900; m += 13)
        expect(roundVolunteerHours(m, cap)).toBeLessThanOrEqual(roundVolunteerHours(cap));
    }
  });

  it('is monotonic in the duration', () => {
    let prev = 0;
    for (let m = 0; m <= 600; m++) {
      const h = roundVolunteerHours(m);
      expect(h).toBeGreaterThanOrEqual(prev);
      prev = h;
    }
  });
});

describe('minutesBetween', () => {
  it('counts whole minutes only', () => {
    expect(minutesBetween('2026-12-05T01:00:00Z', '2026-12-05T02:25:59Z')).toBe(85);
    expect(minutesBetween('2026-12-05T01:00:00Z', '2026-12-05T00:59:00Z')).toBe(-1);
  });
});

describe('haversineMeters and the geofence', () => {
  it.each([
    ['same point', { lat: 31.2236, lng: 121.3935 }, { lat: 31.2236, lng: 121.3935 }, 0, 0],
    [
      '0.001° of latitude ≈ 111 m',
      { lat: 31.2236, lng: 121.3935 },
      { lat: 31.2246, lng: 121.3935 },
      110,
      112,
    ],
    [
      '0.001° of longitude at 31° N ≈ 95 m',
      { lat: 31.2236, lng: 121.3935 },
      { lat: 31.2236, lng: 121.3945 },
      94,
      96,
    ],
    [
      '人民广场 → 徐家汇 ≈ 5.6 km',
      { lat: 31.2304, lng: 121.4737 },
      { lat: 31.1951, lng: 121.4368 },
      5_100,
      5_300,
    ],
    [
      '上海 → 北京 ≈ 1,068 km',
      { lat: 31.2304, lng: 121.4737 },
      { lat: 39.9042, lng: 116.4074 },
      1_060_000,
      1_075_000,
    ],
  ])('%s', (_name, a, b, min, max) => {
    const d = haversineMeters(a, b);
    expect(d).toBeGreaterThanOrEqual(min);
    expect(d).toBeLessThanOrEqual(max);
    expect(haversineMeters(b, a)).toBeCloseTo(d, 6);
  });

  it('is inside exactly up to the radius', () => {
    const place = { lat: 31.2236, lng: 121.3935, radiusM: 111 };
    expect(insideGeofence({ lat: 31.2246, lng: 121.3935 }, place)).toEqual({
      inside: true,
      distanceM: 111,
    });
    expect(insideGeofence({ lat: 31.2247, lng: 121.3935 }, place)).toEqual({
      inside: false,
      distanceM: 122,
    });
  });

  it.each([
    [0, '0 米'],
    [350.4, '350 米'],
    [999, '999 米'],
    [1000, '1.0 公里'],
    [1234, '1.2 公里'],
  ])('formatDistance(%p) = %p', (m, s) => {
    expect(formatDistance(m)).toBe(s);
  });
});

describe('checkinWindow and canCancel', () => {
  const s = {
    startsAt: '2026-12-05T01:00:00Z',
    endsAt: '2026-12-05T03:30:00Z',
    openBeforeMin: 30,
    closeAfterMin: 120,
  };
  it('check-in opens 30 min before the start and closes at the end', () => {
    expect(checkinWindow('in', s)).toEqual({
      opens: new Date('2026-12-05T00:30:00Z'),
      closes: new Date('2026-12-05T03:30:00Z'),
    });
  });
  it('check-out opens at the start and closes 2 h after the end', () => {
    expect(checkinWindow('out', s)).toEqual({
      opens: new Date('2026-12-05T01:00:00Z'),
      closes: new Date('2026-12-05T05:30:00Z'),
    });
  });
  it.each([
    ['2026-12-04T22:59:59Z', true],
    ['2026-12-04T23:00:00Z', true],
    ['2026-12-04T23:00:01Z', false],
    ['2026-12-05T02:00:00Z', false],
  ])('cancel at %s with a 2 h cut-off → %p', (now, ok) => {
    expect(canCancel(s.startsAt, 120, new Date(now))).toBe(ok);
  });
});

describe('the dispatch state machine (every state × action)', () => {
  const expected: Record<RequestState, Partial<Record<RequestAction, RequestState>>> = {
    submitted: { reject: 'rejected', dispatch: 'dispatched', cancel: 'cancelled' },
    dispatched: { dispatch: 'dispatched', take: 'taken', cancel: 'cancelled' },
    taken: { dispatch: 'dispatched', complete: 'done', cancel: 'cancelled' },
    done: { rate: 'rated' },
    rejected: {},
    rated: {},
    cancelled: {},
  };
  const pairs = REQUEST_STATES.flatMap((s) =>
    REQUEST_ACTIONS.map((a) => [s, a, expected[s][a] ?? null] as const),
  );

  it('covers 7 states × 6 actions', () => {
    expect(pairs).toHaveLength(42);
  });

  it.each(pairs)('%s + %s → %p', (state, action, next) => {
    expect(nextRequestState(state, action)).toBe(next);
  });

  it('has terminal states with no way out', () => {
    for (const s of ['rejected', 'rated', 'cancelled'] as const) {
      expect(REQUEST_ACTIONS.map((a) => nextRequestState(s, a))).toEqual(Array(6).fill(null));
    }
  });

  it('every state is reachable from submitted', () => {
    const seen = new Set<RequestState>(['submitted']);
    const queue: RequestState[] = ['submitted'];
    while (queue.length) {
      const s = queue.shift()!;
      for (const a of REQUEST_ACTIONS) {
        const n = nextRequestState(s, a);
        if (n && !seen.has(n)) {
          seen.add(n);
          queue.push(n);
        }
      }
    }
    expect([...seen].sort()).toEqual([...REQUEST_STATES].sort());
  });

  it('names who may perform each action', () => {
    expect(ACTION_ACTORS).toEqual({
      reject: ['committee'],
      dispatch: ['committee'],
      take: ['volunteer'],
      complete: ['volunteer'],
      rate: ['resident'],
      cancel: ['committee', 'resident'],
    });
  });
});

describe('masking', () => {
  it.each([
    ['13912345678', '139****5678'],
    ['18600001111', '186****1111'],
  ])('maskPhone(%p) (the shared rule from contract/phone)', (p, m) => {
    expect(maskPhone(p)).toBe(m);
  });
  it.each([
    ['王', '王*'],
    ['王芳', '王*'],
    ['林小青', '林*青'],
    ['欧阳娜娜', '欧**娜'],
    ['', '志愿者'],
    [null, '志愿者'],
  ])('maskName(%p)', (n, m) => {
    expect(maskName(n)).toBe(m);
  });
});

describe('how a sign-up was checked in (scanProof, weakestProof, confirmableInBulk)', () => {
  it('names each scan: the code, the code with a position, a position alone (flagged), an offline code scan', () => {
    expect(scanProof({ method: 'code', offline: false, distanceM: null })).toBe('code');
    expect(scanProof({ method: 'code', offline: false, distanceM: 40 })).toBe('code_gps');
    expect(scanProof({ method: 'geo', offline: false, distanceM: 40 })).toBe('gps_flagged');
    expect(scanProof({ method: 'code', offline: true, distanceM: null })).toBe('offline');
  });

  it('a sign-up is as weak as its weakest scan, and only GPS-only rows stay out of the one-tap confirmation', () => {
    expect(weakestProof([])).toBeNull();
    expect(weakestProof(['code_gps', 'code'])).toBe('code');
    expect(weakestProof(['code', 'offline'])).toBe('offline');
    expect(weakestProof(['gps_flagged', 'code_gps'])).toBe('gps_flagged');
    expect(
      [null, 'code', 'code_gps', 'offline', 'gps_flagged'].map((p) =>
        confirmableInBulk(p as never),
      ),
    ).toEqual([false, true, true, true, false]);
  });
});
