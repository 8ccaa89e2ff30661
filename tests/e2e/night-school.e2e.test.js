// 青年夜校 in Chromium, end to end on the real server: a resident applies, the window closes, a
// second staff member enters the public value, the timed job draws at the announced time, the
// public draw page shows it and 自己验证 recomputes it in the browser; the resident confirms the
// offer; the organizer moves the course to start in a few minutes (check-in opens only on the
// session's day, 30 min before the start, by the real server clock), and the resident checks in
// with the 6-digit code shown beside the organizer's rotating QR code (H5 has no camera scanner).
const path = require('node:path');
const fs = require('node:fs');
const { startServer, startBrowser } = require('./harness');

const { shots } = require('./shots');
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A valid GB 11643 number for a person born on 1996-04-<day>. */
function idNumber(seq) {
  const body = `310104199604${String(10 + seq).padStart(2, '0')}${String(100 + seq).slice(-3)}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * WEIGHTS[i], 0);
  return body + '10X98765432'[sum % 11];
}
// The course starts on the first Saturday at least a week from today (Shanghai), so the story
// reads the same whenever it runs; labels as the app shows them: '12月12日 周六'.
const shanghaiToday = new Date(Date.now() + 8 * 3_600_000);
const firstSaturday = new Date(
  Date.UTC(
    shanghaiToday.getUTCFullYear(),
    shanghaiToday.getUTCMonth(),
    shanghaiToday.getUTCDate() + 7,
  ),
);
firstSaturday.setUTCDate(firstSaturday.getUTCDate() + ((6 - firstSaturday.getUTCDay() + 7) % 7));
const iso = (d) => d.toISOString().slice(0, 10);
const label = (d) => `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;

describe('H5: 青年夜校 apply → scheduled draw → verify → win → confirm → check in', () => {
  let server;
  let browser;
  let resident;
  let organizer;
  const pageErrors = [];
  let api;
  let course;
  let closesAt;
  let term;

  beforeAll(async () => {
    fs.mkdirSync(shots, { recursive: true });
    // devClock: a story run in the last minutes of a Beijing day moves the server past midnight
    server = await startServer({ devClock: true });
    api = async (method, url, token, body) => {
      const res = await fetch(`${server.base}/api/v1${url}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      const json = await res.json();
      if (res.status >= 300)
        throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const started = await startBrowser();
    browser = started.browser;
    resident = await started.context.newPage();
    organizer = await (
      await browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      })
    ).newPage();
    for (const p of [resident, organizer]) p.on('pageerror', (err) => pageErrors.push(String(err)));

    // The committee opens an extra lottery round closing in 35 s, with one course of 3 seats.
    const staff = (
      await api('POST', '/auth/dev', null, { openid: 'e2e-ns-organizer', role: 'organizer' })
    ).token;
    const me = await api('GET', '/me', staff);
    const now = Date.now();
    closesAt = now + 35_000;
    term = await api('POST', '/night-school/admin/terms', staff, {
      orgId: me.orgIds[0],
      name: '2026冬季青年夜校·加开班',
      allocation: 'lottery',
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(closesAt).toISOString(),
      // announced with the term: the draw runs a few seconds after the close
      drawAt: new Date(closesAt + 5_000).toISOString(),
    });
    course = await api('POST', `/night-school/admin/terms/${term.id}/courses`, staff, {
      title: '陶艺周末加开班',
      category: '手工',
      teacher: '沈静怡（陶艺工作室主理人）',
      description: '手捏、拉坯与上釉，8次课做出一套杯碟。',
      venueName: '“半马苏河”青年服务阵地旗舰店',
      venueAddress: '上海市普陀区光复西路2899号',
      district: '普陀区',
      lat: 31.2262,
      lng: 121.4012,
      weekday: 6,
      startTime: '18:00',
      endTime: '19:30',
      startDate: iso(firstSaturday),
      sessions: 8,
      capacity: 3,
    });
    // two other applicants, and the resident's real-name profile
    for (const i of [1, 2]) {
      const tok = (await api('POST', '/auth/dev', null, { openid: `e2e-ns-other-${i}` })).token;
      await api('PUT', '/me', tok, { name: `学员${i === 1 ? '甲' : '乙'}`, idNumber: idNumber(i) });
      await api('POST', '/night-school/applications', tok, { courseId: course.id });
    }
    const mine = (await api('POST', '/auth/dev', null, { openid: 'e2e-ns-resident' })).token;
    await api('PUT', '/me', mine, { name: '王小青', phone: '13812345678', idNumber: idNumber(3) });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const shot = (page, name) =>
    page.screenshot({ path: path.join(shots, `night-school-${name}.png`) });
  // A hash change on top of pages still navigating after login (navigateBack/redirectTo) left a
  // hidden copy of the page under load; a reload gives a clean page stack with just this page.
  const open = async (page, route) => {
    await page.goto(`${server.base}/#/${route}`);
    await page.reload();
  };
  async function signIn(page, openid, roleLabel) {
    await open(page, 'pages/login/index');
    await page.locator('#login-openid input').fill(openid);
    if (roleLabel) await page.getByText(roleLabel, { exact: true }).click();
    await page.locator('#login-dev').click();
    await page.waitForURL((u) => !u.hash.includes('pages/login'));
  }

  it('lists the courses of the current round with the live 报名/名额 ratio', async () => {
    await signIn(resident, 'e2e-ns-resident');
    await open(resident, 'features/night-school/pages/index/index');
    await resident.getByText('陶艺周末加开班').waitFor();
    expect(await resident.locator('[data-testid="term-banner"]').textContent()).toContain('加开班');
    expect(await resident.locator(`[data-testid="course-${course.id}"]`).textContent()).toContain(
      '报名 2 / 名额 3',
    );
    await shot(resident, 'list');
  });

  it('the resident applies from the course page', async () => {
    await resident.locator(`[data-testid="course-${course.id}"]`).click();
    await resident.getByText(`第1次 ${label(firstSaturday)} 周六`).waitFor();
    await shot(resident, 'course');
    await resident.getByText('我要报名', { exact: true }).click();
    const result = resident.locator('[data-testid="apply-result"]');
    await result.waitFor();
    expect(await result.textContent()).toContain('已报名，等待摇号');
    await resident.getByText('报名 3 / 名额 3').waitFor();
    await shot(resident, 'applied');
  });

  it('after the window closes, a second staff member enters the public value; the job draws at the announced time', async () => {
    // not the organizer who created the term: the server refuses them (the two-person rule)
    await signIn(organizer, 'e2e-ns-second', '组织者');
    const wait = closesAt + 1500 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    await open(organizer, 'features/night-school/pages/admin/index');
    await organizer.getByText('2026冬季青年夜校·加开班', { exact: true }).click();
    const form = organizer.locator('[data-testid="public-value-form"]');
    await form.waitFor();
    expect(await organizer.locator('body').textContent()).not.toContain('开始摇号');
    await organizer.locator('#public-value input').fill('3268.45');
    await organizer.locator('#public-value-source input').fill('次日 上证指数开盘价');
    await shot(organizer, 'public-value');
    await form.getByText('录入公开随机数', { exact: true }).click();
    await organizer.getByText('公开随机数：3268.45（次日 上证指数开盘价）').waitFor();
    // the timed job runs every minute: the draw happens at its first pass after the announced time
    for (let i = 0; i < 90; i++) {
      if ((await api('GET', `/night-school/terms/${term.id}`)).drawnAt) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    await open(organizer, 'features/night-school/pages/admin/index');
    await organizer.getByText('2026冬季青年夜校·加开班', { exact: true }).click();
    await organizer.getByText(/已摇号，种子：/).waitFor();
    await shot(organizer, 'admin-drawn');
  }, 150_000);

  it('the public draw page shows the whole seed hash, 查我的号 finds the resident, 自己验证 shows a match', async () => {
    await open(resident, 'features/night-school/pages/index/index');
    await resident.locator('[data-testid="ns-draw-link"]').click();
    const page = resident.locator('[data-testid="page-ns-draw"]');
    await page.getByText('公开的摇号依据').waitFor();
    const text = await page.textContent();
    expect(text).toContain(term.seedHash);
    expect(text).not.toContain('王小青');
    expect(text).not.toContain('学员甲');
    // the 64-digit hash wraps inside the screen instead of running off it
    const hash = page.locator('.ns-draw__hash').first();
    const box = await hash.boundingBox();
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await resident.locator('[data-testid="look-up"]').click();
    const entry = resident.locator('[data-testid="my-entry"]');
    await entry.waitFor();
    expect(await entry.textContent()).toMatch(/陶艺周末加开班：第 \d 位 \/ 共 3 人 · 中签/);
    await shot(resident, 'draw');
    await resident.locator('[data-testid="verify-run"]').click();
    const result = resident.locator('[data-testid="verify-result"]');
    await result.waitFor();
    expect(await result.textContent()).toBe('✓ 重新计算的结果与公布的结果完全一致');
    expect(await page.locator('.ns-draw__check').count()).toBe(4);
    expect(await page.textContent()).not.toContain('✗');
    await result.scrollIntoViewIfNeeded();
    await shot(resident, 'draw-verified');

    // the same page on a PC
    const pc = await (
      await browser.newContext({
        viewport: { width: 1280, height: 800 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      })
    ).newPage();
    pc.on('pageerror', (err) => pageErrors.push(String(err)));
    await pc.goto(`${server.base}/#/features/night-school/pages/draw/index?termId=${term.id}`);
    await pc.getByText('公开的摇号依据').waitFor();
    // the page scrolls inside Taro's page container: one shot of its top, one of the check
    await pc.screenshot({ path: path.join(shots, 'night-school-draw-pc.png') });
    await pc.locator('[data-testid="verify-run"]').click();
    await pc.locator('[data-testid="verify-result"]').waitFor();
    await pc.screenshot({ path: path.join(shots, 'night-school-draw-pc-verified.png') });
    await pc.goto(`${server.base}/#/features/night-school/pages/stats/index?termId=${term.id}`);
    await pc.locator('[data-testid="round-stats"]').waitFor();
    await pc.screenshot({ path: path.join(shots, 'night-school-stats-pc.png') });
    await pc.context().close();
  });

  it('本轮统计 shows applicants, seats and the time the last seat went', async () => {
    await open(resident, 'features/night-school/pages/index/index');
    await resident.locator('[data-testid="ns-stats-link"]').click();
    const item = resident.locator(`[data-testid="round-item-${course.id}"]`);
    await item.waitFor();
    const text = await item.textContent();
    expect(text).toContain('陶艺周末加开班');
    expect(text).toMatch(/3报名3名额1人\/名额0候补递补/);
    expect(text).toContain('最后一个名额于');
    await shot(resident, 'stats');
  });

  it('the resident sees the offer with its deadline and confirms it', async () => {
    await open(resident, 'features/night-school/pages/mine/index');
    await resident.locator('[data-testid="offer-deadline"]').waitFor();
    await shot(resident, 'offer');
    await resident.getByText('确认上课', { exact: true }).click();
    await resident.getByText('已录取', { exact: true }).waitFor();
  });

  it('before its day, the organizer’s screen shows when check-in opens, and no code', async () => {
    await organizer.locator(`[data-testid="stat-${course.id}"]`).getByText('签到码').click();
    const closed = organizer.locator('[data-testid="checkin-qr-closed"]');
    await closed.waitFor();
    expect(await closed.textContent()).toContain(`签到将于 ${label(firstSaturday)} 17:30 开放`);
    expect(await organizer.locator('[data-testid="checkin-pin"]').count()).toBe(0);
    await shot(organizer, 'checkin-not-open');
  });

  it('the course moves to start in a few minutes; the resident checks in with the 6-digit code', async () => {
    // today on the server's clock (Beijing), starting 10–15 minutes from now: inside the window
    // (30 min before). Check-in opens on the session's own day only, so in the last 40 minutes of
    // a Beijing day the server's clock is moved past midnight first (a run at 23:35 once failed).
    const serverNow = async () => Date.parse((await api('GET', '/time')).now);
    let bj = new Date((await serverNow()) + 8 * 3_600_000);
    if (bj.getUTCHours() * 60 + bj.getUTCMinutes() >= 23 * 60 + 20) {
      await server.advanceClock(45 * 60_000);
      bj = new Date((await serverNow()) + 8 * 3_600_000);
    }
    const startMin = Math.ceil((bj.getUTCHours() * 60 + bj.getUTCMinutes() + 10) / 5) * 5;
    const hhmm = (m) =>
      `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const staff = (
      await api('POST', '/auth/dev', null, { openid: 'e2e-ns-organizer', role: 'organizer' })
    ).token;
    const weekday = bj.getUTCDay() === 0 ? 7 : bj.getUTCDay();
    const moved = await api('PATCH', `/night-school/admin/courses/${course.id}`, staff, {
      startDate: iso(bj),
      weekday,
      startTime: hhmm(startMin),
      endTime: hhmm(Math.min(startMin + 90, 24 * 60 - 1)),
    });
    expect(moved.sessionDates[0]).toBe(iso(bj));

    // the screen asks again for session 1 (another session, then back)
    const card = organizer.locator(`[data-testid="stat-${course.id}"]`);
    await card.getByText('第2次', { exact: true }).click();
    await card.getByText('第1次', { exact: true }).click();
    const pinText = organizer.locator('[data-testid="checkin-pin"]');
    await pinText.waitFor();
    await organizer.locator('[data-testid="checkin-qr"] img').waitFor();
    // the QR and the 6 digits beside it, as the organizer holds the phone up
    await organizer
      .locator('[data-testid="checkin-qr"]')
      .evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(organizer, 'checkin-qr');
    const pin = (await pinText.textContent()).trim();
    expect(pin).toMatch(/^\d{6}$/);

    await open(resident, 'features/night-school/pages/mine/index');
    await resident.locator('[data-testid="pin-checkin"]').waitFor();
    expect(await resident.locator('[data-testid="pin-checkin"]').textContent()).toContain(
      '陶艺周末加开班',
    );
    await resident.locator('#ns-checkin-pin input').fill(pin);
    expect(await resident.locator('#ns-checkin-pin input').inputValue()).toBe(pin);
    await shot(resident, 'checkin-pin');
    await resident.getByText('提交签到', { exact: true }).click();
    const msg = resident.locator('[data-testid="checkin-message"]');
    await msg.waitFor();
    expect(await msg.textContent()).toContain('签到成功');
    await shot(resident, 'checked-in');
  });

  it('the roster lists the confirmed resident with a masked phone; a session not begun cannot be marked', async () => {
    await organizer.locator(`[data-testid="stat-${course.id}"]`).getByText('名单').click();
    const roster = organizer.locator('[data-testid="roster"]');
    await roster.waitFor();
    const text = await roster.textContent();
    expect(text).toContain('王小青');
    expect(text).toContain('138****5678');
    expect(text).not.toContain('13812345678');
    // 8 sessions → 8 buttons; session 1 shows the check-in; it starts in minutes, so no hand marks yet
    expect(await roster.locator('[data-testid="roster-sessions"] .ns-chip').count()).toBe(8);
    const row = roster.locator('[data-testid^="roster-row-"]').filter({ hasText: '王小青' });
    expect(await row.textContent()).toContain('出勤1 缺勤0');
    expect(await roster.locator('[data-testid="roster-not-begun"]').textContent()).toBe(
      '第1次课还没开始，开始后才能记录出勤',
    );
    expect(await row.getByText('到', { exact: true }).count()).toBe(0);
    await roster.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(organizer, 'roster');
  });

  it('exports the roster as a file Excel opens: BOM, Chinese headers, the phone masked', async () => {
    const card = organizer.locator(`[data-testid="stat-${course.id}"]`);
    const [download] = await Promise.all([
      organizer.waitForEvent('download'),
      card.getByText('导出CSV', { exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('陶艺周末加开班-名单.csv');
    const bytes = fs.readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toMatch(/序号,姓名,手机号,状态/);
    expect(text).toContain('王小青');
    expect(text).toContain('138****5678');
    expect(text).not.toContain('13812345678');
  });

  it('the organizer edits the drawn term: the window is locked, the confirmation time is not', async () => {
    await organizer.getByText('修改学期', { exact: true }).click();
    const form = organizer.locator('[data-testid="term-edit-form"]');
    await form.waitFor();
    expect(await form.textContent()).toContain('报名名单已冻结，不能再改');
    await organizer.locator('#edit-term-confirm input').fill('24');
    await organizer.evaluate(() => window.scrollTo(0, 0));
    await form.scrollIntoViewIfNeeded();
    await shot(organizer, 'edit-term');
    await organizer.getByText('保存修改', { exact: true }).click();
    await organizer.getByText('学期已保存').waitFor();
    await form.waitFor({ state: 'detached' });
  });

  it('the organizer moves the course to another room; the resident reads it in 消息', async () => {
    await organizer.getByText('学期已保存').waitFor({ state: 'hidden' });
    const card = organizer.locator(`[data-testid="stat-${course.id}"]`);
    await card.getByText('修改课程', { exact: true }).click();
    const form = card.locator('[data-testid="course-form"]');
    await form.waitFor();
    expect(await form.locator('#course-venue input').inputValue()).toBe(
      '“半马苏河”青年服务阵地旗舰店',
    );
    await form.locator('#course-venue input').fill('“半马苏河”青年服务阵地旗舰店 3楼陶艺室');
    await form.scrollIntoViewIfNeeded();
    await shot(organizer, 'edit-course');
    await form.getByText('保存修改', { exact: true }).click();
    await organizer.getByText('课程已保存').waitFor();
    await form.waitFor({ state: 'detached' });

    await open(resident, 'pages/messages/index');
    // two notices: the move to today (schedule), then the new room
    await resident.getByText('夜校课程有变更').first().waitFor();
    expect(await resident.locator('body').textContent()).toContain(
      '上课地点改为“半马苏河”青年服务阵地旗舰店 3楼陶艺室（上海市普陀区光复西路2899号）',
    );
    await shot(resident, 'course-changed');
  });

  it('raised no script errors in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
