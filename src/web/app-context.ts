/**
 * What every screen needs from the shell, passed down through a Preact context rather
 * than module globals: the API client, the signed-in user, the theme and a toast.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ApiClient } from './api/api-client.ts';
import type { User } from './api/types.ts';
import type { ZoneMode } from './state/time-zone.ts';

export type ThemeChoice = 'dark' | 'light' | 'system';

export interface AppServices {
  readonly api: ApiClient;
  readonly user: User;
  readonly theme: ThemeChoice;
  setTheme(theme: ThemeChoice): void;
  /** Local time or UTC for every displayed time (a browser setting, not in the URL). */
  readonly timeZone: ZoneMode;
  setTimeZone(zone: ZoneMode): void;
  /** Shows a short message at the bottom of the screen. */
  toast(message: string): void;
  logout(): void;
}

/** The context; the shell provides it once the user is signed in. */
export const AppContext = createContext<AppServices | null>(null);

/** The shell's services; only valid under a signed-in shell. */
export function useApp(): AppServices {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('useApp outside of the signed-in shell');
  return ctx;
}

/** Whether the user may change things (SPEC §8 roles). */
export function canEdit(user: User): boolean {
  return user.role === 'admin';
}
