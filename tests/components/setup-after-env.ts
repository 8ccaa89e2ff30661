import { cleanup } from '@testing-library/react';
import { useCareMode } from '@/lib/care-mode';
import { useSession } from '@/lib/session';
import { useAccount } from '@/features/account/store';
import { useMessages } from '@/features/messages/store';
import { pageHandlers } from './taro-shim';

// Stores are module singletons: start every test signed out and empty
// (docs/adr/0008-only-the-session-and-care-mode-persist.md).
afterEach(() => {
  cleanup();
  useSession.setState({ token: null, expiresAt: null, user: null });
  useAccount.getState().reset();
  useCareMode.setState({ on: false });
  useMessages.setState({ items: [], unread: 0, next: null, loaded: false });
  localStorage.clear();
  for (const k of Object.keys(pageHandlers)) delete pageHandlers[k as keyof typeof pageHandlers];
  jest.restoreAllMocks();
});
