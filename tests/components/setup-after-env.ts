import { cleanup } from '@testing-library/react';
import { useSession } from '@/lib/session';
import { useAccount } from '@/features/account/store';

// Stores are module singletons: start every test signed out and empty (DESIGN.md §9).
afterEach(() => {
  cleanup();
  useSession.setState({ token: null, expiresAt: null, user: null });
  useAccount.getState().reset();
  localStorage.clear();
  jest.restoreAllMocks();
});
