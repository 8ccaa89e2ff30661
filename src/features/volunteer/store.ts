// The volunteer feature's state: the task list with its filters, my shifts and hours (or the
// shifts saved on the phone when there is no network), and the offline scan queue's upload.
import { create } from 'zustand';
import type { Hours, MyShift, Task, TaskQuery } from '@/contract/volunteer';
import { NetworkError } from '@/lib/api-error';
import { askToSubscribe } from '@/lib/subscribe';
import { fetchMyHours, fetchMyShifts, fetchTasks, postCheckin, signUp, cancelSignup } from './api';
import {
  dropScan,
  isFinalRefusal,
  pendingScans,
  refuseScan,
  refusedScans,
  type QueuedScan,
  type RefusedScan,
} from './offline/queue';
import { savedMyShifts, saveMyShifts } from './offline/shifts-cache';

interface VolunteerState {
  tasks: Task[] | null;
  filters: TaskQuery;
  myShifts: MyShift[] | null;
  hours: Hours | null;
  /** When the shifts shown were saved, if they come from the phone (no network): shown as 离线. */
  offlineSince: string | null;
  /** Scans waiting for upload and the refusals not yet read, as stored on the phone. */
  queue: QueuedScan[];
  refused: RefusedScan[];
  setFilters: (patch: Partial<TaskQuery>) => Promise<void>;
  /** `fresh`: past the catalogue cache (pull-down refresh). */
  loadTasks: (fresh?: boolean) => Promise<void>;
  signUp: (shiftId: string, idempotencyKey: string) => Promise<void>;
  cancel: (signupId: string) => Promise<void>;
  loadMine: () => Promise<void>;
  /** Re-reads the queue and the refusals from the phone's storage. */
  syncQueue: () => void;
  /** Uploads stored offline scans; returns how many the server took. */
  flushScans: () => Promise<number>;
  reset: () => void;
}

const initial = {
  tasks: null,
  filters: {},
  myShifts: null,
  hours: null,
  offlineSince: null,
  queue: [],
  refused: [],
};

/** Uploads the queue in order; stops at the first scan the server could not judge now. */
async function uploadQueue(get: () => VolunteerState): Promise<number> {
  let accepted = 0;
  for (const scan of pendingScans()) {
    try {
      await postCheckin(scan.body);
      accepted++;
      dropScan(scan.body.nonce);
    } catch (err) {
      if (!isFinalRefusal(err)) break; // still offline, or the server cannot judge it now
      refuseScan(scan, err.code, err.message);
    } finally {
      get().syncQueue();
    }
  }
  return accepted;
}

// One upload at a time: the network coming back and the page showing often happen together.
let flushing: Promise<number> | null = null;

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
    set({ tasks: await fetchTasks(get().filters, fresh) });
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
    try {
      const [myShifts, hours] = await Promise.all([fetchMyShifts(), fetchMyHours()]);
      saveMyShifts(myShifts);
      set({ myShifts, hours, offlineSince: null });
    } catch (err) {
      if (!(err instanceof NetworkError)) throw err;
      const saved = savedMyShifts();
      set({ myShifts: saved?.items ?? get().myShifts ?? [], offlineSince: saved?.savedAt ?? '' });
    }
  },
  syncQueue: () => set({ queue: pendingScans(), refused: refusedScans() }),
  flushScans: () => {
    // .finally runs after the assignment, even when the queue is empty and nothing is awaited
    flushing ??= uploadQueue(get).finally(() => {
      flushing = null;
      get().syncQueue();
    });
    return flushing;
  },
  reset: () => {
    flushing = null; // a test (or a sign-out) starts over; a late upload only re-sends nonces
    set(initial);
  },
}));
