// Catalog data for the night-school component tests.
import type { Course, Term } from '@/contract/night-school';
import { scriptRequests } from '../../platform';

export const term: Term = {
  id: '1',
  orgId: '1',
  orgName: '共青团上海市徐汇区委员会',
  name: '2026冬季青年夜校',
  allocation: 'lottery',
  opensAt: '2026-11-20T02:00:00.000Z',
  closesAt: '2026-12-04T14:00:00.000Z',
  maxApplicationsPerPerson: 3,
  maxCoursesPerPerson: 2,
  minAge: 18,
  maxAge: 40,
  confirmHours: 48,
  noShowLimit: 2,
  seedHash: 'a'.repeat(64),
  seed: null,
  drawnAt: null,
  drawAt: '2026-12-05T02:00:00.000Z',
  publicValue: null,
  publicValueSource: null,
  phase: 'open',
};

export const course = (over: Partial<Course>): Course => ({
  id: '11',
  termId: '1',
  title: '陶艺入门：手捏与拉坯',
  category: '手工',
  teacher: '沈静怡',
  description: '做一套杯碟',
  venueName: '“半马苏河”青年服务阵地旗舰店',
  venueAddress: '上海市普陀区光复西路2899号',
  district: '普陀区',
  lat: 31.2262,
  lng: 121.4012,
  weekday: 2,
  startTime: '19:30',
  endTime: '21:00',
  startDate: '2026-12-14',
  sessions: 8,
  sessionDates: [
    '2026-12-15',
    '2026-12-22',
    '2026-12-29',
    '2027-01-05',
    '2027-01-12',
    '2027-01-19',
    '2027-01-26',
    '2027-02-02',
  ],
  capacity: 16,
  feeFen: 0,
  taken: 0,
  applicants: 96,
  ratio: 6,
  ...over,
});

/**
 * scriptRequests for the night-school pages, which also ask for the caller's 优秀学员 awards (and
 * staff for a term's picks): those answer empty unless the story's own route says otherwise.
 */
export function scriptNightSchool(route: Parameters<typeof scriptRequests>[0]) {
  return scriptRequests((method, url, data) => {
    if (url.endsWith('/excellent-awards')) return { statusCode: 200, data: { items: [] } };
    if (url.endsWith('/excellent-learners'))
      return { statusCode: 200, data: { termId: '1', seed: 'seed', items: [] } };
    return route(method, url, data);
  });
}
