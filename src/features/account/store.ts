import { create } from 'zustand';
import type { Me, UpdateMeBody } from '@/contract/account';
import { useSession } from '@/lib/session';
import { fetchMe, updateMe, verifyPhoneWithWechat } from './api';

interface AccountState {
  me: Me | null;
  loading: boolean;
  load: () => Promise<void>;
  save: (body: UpdateMeBody) => Promise<Me>;
  verifyPhone: (code: string) => Promise<Me>;
  reset: () => void;
}

function syncSession(me: Me) {
  useSession.getState().updateUser({ name: me.name, profileComplete: me.profileComplete });
}

export const useAccount = create<AccountState>()((set) => ({
  me: null,
  loading: false,
  load: async () => {
    set({ loading: true });
    try {
      const me = await fetchMe();
      syncSession(me);
      set({ me });
    } finally {
      set({ loading: false });
    }
  },
  save: async (body) => {
    const me = await updateMe(body);
    syncSession(me);
    set({ me });
    return me;
  },
  verifyPhone: async (code) => {
    const me = await verifyPhoneWithWechat(code);
    syncSession(me);
    set({ me });
    return me;
  },
  reset: () => set({ me: null, loading: false }),
}));
