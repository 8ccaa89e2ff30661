// 爱心暑托班 client state: the programme on screen, my children, my enrollments, and the offset
// between the phone's clock and the server's (the countdown must run on server time).
import { create } from 'zustand';
import type { CareChild, MyEnrollment, ProgrammeDetail, ProgrammeList } from '@/contract/childcare';
import * as api from './api';

interface ChildcareState {
  programmes: ProgrammeList['items'];
  detail: ProgrammeDetail | null;
  children: CareChild[];
  mine: MyEnrollment[];
  /** serverNow − phoneNow, ms, from GET /time or the last personal answer that carried server time. */
  serverOffset: number;
  /** `fresh`: past the catalogue cache (pull-down refresh). */
  loadProgrammes: (fresh?: boolean) => Promise<void>;
  loadProgramme: (id: string, fresh?: boolean) => Promise<void>;
  loadChildren: () => Promise<void>;
  loadMine: () => Promise<void>;
  syncClock: (serverNowIso: string) => void;
  /** Asks GET /time: the catalogue is cached (up to a second on the server, a second in the browser), so it carries no clock. */
  loadClock: () => Promise<void>;
}

export const useChildcare = create<ChildcareState>()((set, get) => ({
  programmes: [],
  detail: null,
  children: [],
  mine: [],
  serverOffset: 0,
  syncClock: (serverNowIso) => set({ serverOffset: Date.parse(serverNowIso) - Date.now() }),
  loadClock: async () => {
    const t = await api.fetchServerTime().catch(() => null);
    if (t) get().syncClock(t.now);
  },
  loadProgrammes: async (fresh = false) => {
    const [r] = await Promise.all([api.fetchProgrammes(fresh), get().loadClock()]);
    set({ programmes: r.items });
  },
  loadProgramme: async (id, fresh = false) => set({ detail: await api.fetchProgramme(id, fresh) }),
  loadChildren: async () => set({ children: (await api.fetchChildren()).items }),
  loadMine: async () => {
    const r = await api.fetchMine();
    get().syncClock(r.serverNow);
    set({ mine: r.items });
  },
}));
