// The certificate as a PDF: valid, in Chinese, with the volunteer's full name (to them only), each
// service with its date, organization and hours, the issuer and the verify page's code; and one
// certificate per state of the hours, kept by the database even when many requests come at once.
import { writeFileSync } from 'node:fs';
import { bearer, DB_KIND, login, makeApp, testClock, type TestApp } from '../helper';
import { createShift, createTask, realName, signUp, teamOrganizer, TEAM, V } from './fixtures';
import { pdfText } from './pdf-text';

const clock = testClock('2026-12-01T00:00:00Z');

describe(`GET /api/v1/volunteer/me/certificate.pdf (${DB_KIND})`, () => {
  let t: TestApp;
  let me: string;
  let myId: string;
  let signupIds: string[];
  let organizerId: string;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now, config: { publicBaseUrl: 'https://youth.example.cn' } });
    const o = await teamOrganizer(t);
    organizerId = (
      await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(o.token) })
    ).json().id;
    const task = await createTask(t, o.token, o.teamId, { title: '苏州河巡河' });
    const shifts = [
      await createShift(t, o.token, task.id, {
        startsAt: '2026-12-05T01:00:00Z',
        endsAt: '2026-12-05T03:30:00Z',
      }),
      await createShift(t, o.token, task.id, {
        startsAt: '2026-12-06T01:00:00Z',
        endsAt: '2026-12-06T03:00:00Z',
      }),
    ];
    me = await login(t.app, 'pdf-volunteer');
    await realName(t, me, 41, '欧阳青青');
    myId = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(me) })).json()
      .id;
    signupIds = [];
    for (const s of shifts) {
      const res = await signUp(t, me, s.id);
      expect(res.statusCode).toBe(201);
      signupIds.push(res.json().id);
    }
    // the organizer's confirmation, straight into the ledger: how it gets there is the check-in tests' business
    await confirm(signupIds[0], 2.5);
  });
  afterAll(async () => t.close());

  /** The organizer's confirmation, or with a reason a correction. */
  const confirm = (signupId: string, hours: number, reason?: string) =>
    t.db.query(
      `INSERT INTO volunteer_hours_ledger (user_id, signup_id, project_id, kind, hours, reason, created_at, created_by)
       SELECT g.user_id, g.id, s.project_id, CASE WHEN $4::text IS NULL THEN 'confirmed' ELSE 'correction' END,
              $2, $4, now(), $3
         FROM volunteer_signups g JOIN volunteer_shifts s ON s.id = g.shift_id WHERE g.id = $1`,
      [signupId, hours, organizerId, reason ?? null],
    );
  const download = (token = me) =>
    t.app.inject({ method: 'GET', url: `${V}/me/certificate.pdf`, headers: bearer(token) });

  it('is a PDF with the full name, each service (date, organization, hours), the issuer and the certificate code', async () => {
    await confirm(signupIds[1], 2);
    const res = await download();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="certificate-/);
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toMatch(/%%EOF\s*$/);
    if (process.env.CERTIFICATE_PDF_OUT) writeFileSync(process.env.CERTIFICATE_PDF_OUT, pdf);

    const text = pdfText(pdf);
    const cert = (
      await t.app.inject({ method: 'POST', url: `${V}/me/certificates`, headers: bearer(me) })
    ).json();
    expect(text).toContain('志愿服务时长证明');
    expect(text).toContain('兹证明 欧阳青青 参加志愿服务');
    expect(text).toContain('累计志愿服务时长 4.5 小时');
    expect(text).toContain(`2026-12-05苏州河巡河${TEAM}2.5`);
    expect(text).toContain(`2026-12-06苏州河巡河${TEAM}2`);
    expect(text).toContain('合计4.5');
    expect(text).toContain('出具单位：青年汇');
    expect(text).toContain(`证书编号：${cert.code}`);
    expect(text).toContain(`https://youth.example.cn/api/v1/volunteer/certificates/${cert.code}`);
  });

  it('is the same certificate as the page shows, and the public verify page shows only the masked name', async () => {
    const shown = await t.app.inject({
      method: 'POST',
      url: `${V}/me/certificates`,
      headers: bearer(me),
    });
    expect(shown.statusCode).toBe(200);
    const pdfCode = /filename="certificate-([^"]+)\.pdf"/.exec(
      (await download()).headers['content-disposition'] as string,
    )?.[1];
    expect(pdfCode).toBe(shown.json().code);
    const page = await t.app.inject({
      method: 'GET',
      url: `${V}/certificates/${pdfCode}`,
      headers: { accept: 'text/html' },
    });
    expect(page.body).toContain('欧**青');
    expect(page.body).not.toContain('欧阳青青');
    expect(page.body).toContain('4.5 小时');
    expect(page.body).toContain('青年汇');
  });

  it('one certificate per state of the hours: 20 PDF downloads and 20 taps at once make one, a new confirmation one more', async () => {
    await confirm(signupIds[0], -0.5, '提前离开'); // a correction: the state moves on
    const count = async () =>
      (
        await t.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM volunteer_certificates WHERE user_id = $1',
          [myId],
        )
      )[0].n;
    const before = await count();
    const all = await Promise.all([
      ...Array.from({ length: 20 }, () => download()),
      ...Array.from({ length: 20 }, () =>
        t.app.inject({ method: 'POST', url: `${V}/me/certificates`, headers: bearer(me) }),
      ),
    ]);
    expect(all.map((r) => r.statusCode).filter((c) => c !== 200 && c !== 201)).toEqual([]);
    expect(await count()).toBe(before + 1);
    const codes = new Set(
      all.map((r) =>
        r.headers['content-type'] === 'application/pdf'
          ? /certificate-([^"]+)\.pdf/.exec(r.headers['content-disposition'] as string)![1]
          : r.json().code,
      ),
    );
    expect(codes.size).toBe(1);
    expect(pdfText(all[0].rawPayload)).toContain('累计志愿服务时长 4 小时');
  });

  it('refuses a volunteer with no hours (409 NO_HOURS_YET) and a caller without a session (401)', async () => {
    const newbie = await login(t.app, 'pdf-newbie');
    const res = await download(newbie);
    expect([res.statusCode, res.json().code]).toEqual([409, 'NO_HOURS_YET']);
    const anon = await t.app.inject({ method: 'GET', url: `${V}/me/certificate.pdf` });
    expect(anon.statusCode).toBe(401);
  });
});
