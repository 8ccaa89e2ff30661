// 爱心暑托班 demo catalogue: the 2026 summer programme (four 2-week periods, as the demo sites
// list them; 35 seats a class as Putuo caps a site; ¥400 a period) and the next holiday programme,
// counted from the seed day: pre-fill open, sign-up two days ahead (so the countdown shows), two
// 2-week periods after it closes. Classes go to the childcare sites of demo-orgs.
import type { Queryable } from '../db';
import { addDays } from '@/contract/beijing-time';
import { mondayFrom, shanghaiAt } from './demo-dates';

interface SiteRow {
  id: string;
  name: string;
  details: {
    purpose?: string;
    grades?: [number, number];
    classSize?: number;
    periods?: string[];
    feeYuan?: number;
  };
}

const WHAT_TO_BRING = '水杯、午睡小毯子、换洗衣物一套、暑假作业；请勿携带贵重物品和零食';
const NOTICE =
  '家长须知：每日 8:00–8:30 入园，17:00–17:30 接走，须由授权接送人出示接送码。孩子如有过敏、哮喘等情况请在健康情况中写明。困难家庭可向街道申请减免费用。';

/** `today` is YYYY-MM-DD in Asia/Shanghai. */
export async function seedDemoChildcare(tx: Queryable, today: string): Promise<void> {
  const sites = (
    await tx.query<SiteRow>(
      `SELECT id::text AS id, name, details FROM organizations WHERE kind = 'site' ORDER BY id`,
    )
  ).filter((s) => s.details?.purpose === 'childcare');
  if (sites.length === 0) return;

  const summer = await programme(
    tx,
    '2026爱心暑托班',
    'summer',
    '2026-06-08T08:00:00+08:00',
    '2026-06-10T08:00:00+08:00',
    '2026-07-03T17:00:00+08:00',
  );
  const summerPeriods = [
    ['第一期', '2026-07-06', '2026-07-17'],
    ['第二期', '2026-07-20', '2026-07-31'],
    ['第三期', '2026-08-03', '2026-08-14'],
    ['第四期', '2026-08-17', '2026-08-28'],
  ];
  const closesOn = addDays(today, 40);
  const first = mondayFrom(addDays(closesOn, 1));
  const second = addDays(first, 14);
  const month = Number(first.slice(5, 7));
  const season = month >= 6 && month <= 9 ? 'summer' : 'winter';
  const next = await programme(
    tx,
    `${first.slice(0, 4)}爱心${season === 'summer' ? '暑' : '寒'}托班`,
    season,
    shanghaiAt(addDays(today, -3), '08:00'),
    shanghaiAt(addDays(today, 2), '08:00'),
    shanghaiAt(closesOn, '17:00'),
  );
  const nextPeriods = [
    ['第一期', first, addDays(first, 11)],
    ['第二期', second, addDays(second, 11)],
  ];

  for (const [programmeId, periods] of [
    [summer, summerPeriods],
    [next, nextPeriods],
  ] as const) {
    for (let i = 0; i < periods.length; i++) {
      const [name, startsOn, endsOn] = periods[i]!;
      const [period] = await tx.query<{ id: string }>(
        `INSERT INTO cc_periods (programme_id, seq, name, starts_on, ends_on) VALUES ($1, $2, $3, $4, $5) RETURNING id::text AS id`,
        [programmeId, i + 1, name, startsOn, endsOn],
      );
      for (const site of sites) {
        // A site that runs fewer periods (中远两湾城: two) gets classes only in those.
        if ((site.details.periods?.length ?? 4) <= i && programmeId === summer) continue;
        const [gmin, gmax] = site.details.grades ?? [1, 5];
        const size = site.details.classSize ?? 35;
        const fee = (site.details.feeYuan ?? 400) * 100;
        const classes =
          gmax - gmin >= 3
            ? [
                ['低年级班', gmin, gmin + 1],
                ['高年级班', gmin + 2, gmax],
              ]
            : [['混龄班', gmin, gmax]];
        for (const [cname, lo, hi] of classes) {
          await tx.query(
            `INSERT INTO cc_classes (period_id, site_id, name, capacity, grade_min, grade_max, fee_fen, what_to_bring)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
            [period!.id, site.id, cname, size, lo, hi, fee, WHAT_TO_BRING],
          );
        }
      }
    }
  }
}

async function programme(
  tx: Queryable,
  name: string,
  season: string,
  prefill: string,
  opens: string,
  closes: string,
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO cc_programmes (name, season, prefill_opens_at, registration_opens_at, registration_closes_at, offer_hours, notice)
     VALUES ($1, $2, $3, $4, $5, 24, $6) RETURNING id::text AS id`,
    [name, season, prefill, opens, closes, NOTICE],
  );
  return row!.id;
}
