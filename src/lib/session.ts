import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { Session, SessionUser } from '@/contract/account';
import { taroStorage } from './storage';

interface SessionState {
  token: string | null;
  expiresAt: string | null;
  user: SessionUser | null;
  signIn: (session: Session) => void;
  updateUser: (patch: Partial<SessionUser>) => void;
  signOut: () => void;
}

const signedOut = { token: null, expiresAt: null, user: null };

/**
 * The persisted store of who is signed in (besides care mode, the only one persisted). Feature
 * stores stay in memory (docs/adr/0008-only-the-session-and-care-mode-persist.md).
 */
export const useSession = create<SessionState>()(
  persist(
    (set) => ({
      ...signedOut,
      signIn: (session) =>
        set({ token: session.token, expiresAt: session.expiresAt, user: session.user }),
      updateUser: (patch) => set((s) => (s.user ? { user: { ...s.user, ...patch } } : s)),
      signOut: () => set(signedOut),
    }),
    {
      name: 'youth-hub/session',
      storage: createJSONStorage(() => taroStorage),
      partialize: (s) => ({ token: s.token, expiresAt: s.expiresAt, user: s.user }),
    },
  ),
);

/** True when a token exists and has not expired by the phone's clock. */
export function hasLiveSession(
  state: Pick<SessionState, 'token' | 'expiresAt'>,
  now = Date.now(),
): boolean {
  return Boolean(state.token && state.expiresAt && Date.parse(state.expiresAt) > now);
}

const NO_ORGS: string[] = [];

/**
 * The signed-in user's organizations. Signed out, always the same empty list: a selector returning
 * a fresh `[]` makes the store look changed on every render, and the page re-renders until React
 * gives up and shows nothing.
 */
export function useOrgIds(): string[] {
  return useSession((s) => s.user?.orgIds ?? NO_ORGS);
}
