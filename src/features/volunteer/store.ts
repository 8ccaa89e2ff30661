// The volunteer feature's state: the task list with its filters, my shifts and hours, and the
// offline scan queue's upload.
import { create } from 'zustand';
import type { Hours, MyShift, Task, TaskQuery } from '@/contract/volunteer';
import { ApiError, NetworkError } from '@/lib/api-error';
import { askToSubscribe } from '@/lib/subscribe';
import { fetchMyHours, fetchMyShifts, fetchTasks, postCheckin, signUp, cancelSignup } from './api';
import { dropScan, pendingScans } from './offline-queue';

interface VolunteerState {
  tasks: Task[] | null;
  filters: TaskQuery;
  myShifts: MyShift[] | null;
  hours: Hours | null;
  loading: boolean;
  setFilters: (patch: Partial<TaskQuery>) => Promise<void>;
  /** `fresh`: past the catalogue cache (pull-down refresh). */
  loadTasks: (fresh?: boolean) => Promise<void>;
  signUp: (shiftId: string, idempotencyKey: string) => Promise<void>;
  cancel: (signupId: string) => Promise<void>;
  loadMine: () => Promise<void>;
  /** Uploads stored offline scans; returns how many the server took. */
  flushScans: () => Promise<number>;
  reset: () => void;
}

const initial = { tasks: null, filters: {}, myShifts: null, hours: null, loading: false };

export const useVolunteer = create<VolunteerState>()((set, get) => ({
  ...initial,
  setFilters: async (patch) => {
    const next = { ...get().filters, ...patch };
    for (const k of Object.keys(next) as (keyof TaskQuery)[])
      if (next[k] === undefined) delete next[k];
    set({ filters: next });
    await get().loadTasks();
  },
  loadTasks: async (fresh = false) => {
    set({ loading: true });
    try {
      set({ tasks: await fetchTasks(get().filters, fresh) });
    } finally {
      set({ loading: false });
    }
  },
  signUp: async (shiftId, key) => {
    // in the tap that signs up: ask to be reminded before the shift and told of the hours
    askToSubscribe(['shift_reminder', 'hours_confirmed']);
    const s = await signUp(shiftId, key);
    // show it at once: the shift's count and my sign-up
    set((st) => ({
      tasks:
        st.tasks?.map((t) => ({
          ...t,
          shifts: t.shifts.map((sh) =>
            sh.id === shiftId ? { ...sh, filled: sh.filled + 1, mySignupId: s.id } : sh,
          ),
        })) ?? null,
    }));
  },
  cancel: async (signupId) => {
    await cancelSignup(signupId);
    await Promise.all([get().loadMine(), get().tasks ? get().loadTasks() : Promise.resolve()]);
  },
  loadMine: async () => {
    const [myShifts, hours] = await Promise.all([fetchMyShifts(), fetchMyHours()]);
    set({ myShifts, hours });
  },
  flushScans: async () => {
    let accepted = 0;
    for (const scan of pendingScans()) {
      try {
        await postCheckin(scan);
        accepted++;
        dropScan(scan.nonce);
      } catch (err) {
        if (err instanceof NetworkError) break; // still offline: keep the rest for later
        if (err instanceof ApiError) dropScan(scan.nonce); // refused for good (expired, outside…)
      }
    }
    return accepted;
  },
  reset: () => set(initial),
}));
