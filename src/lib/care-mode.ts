import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { taroStorage } from './storage';

interface CareModeState {
  on: boolean;
  set: (on: boolean) => void;
}

/**
 * 关怀模式 (larger type, higher contrast, bigger touch targets, simpler home). A preference of
 * this phone, kept across launches and sign-outs, so it is persisted apart from the session.
 */
export const useCareMode = create<CareModeState>()(
  persist((set) => ({ on: false, set: (on) => set({ on }) }), {
    name: 'youth-hub/care-mode',
    storage: createJSONStorage(() => taroStorage),
    partialize: (s) => ({ on: s.on }),
  }),
);
