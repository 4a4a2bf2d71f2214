/**
 * The shell: sign-in state, theme, navigation and the route table. Screens receive the
 * API client and user through AppContext; all view state lives in the URL.
 */
import type { JSX } from 'preact';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { ApiClient } from './api/api-client.ts';
import type { User } from './api/types.ts';
import { AppContext, type AppServices, type ThemeChoice } from './app-context.ts';
import { AlertsScreen } from './screens/alerts-screen.tsx';
import { DashboardScreen } from './screens/dashboard-screen.tsx';
import { DashboardsListScreen } from './screens/dashboards-list-screen.tsx';
import { ExploreScreen } from './screens/explore-screen.tsx';
import { HomeScreen } from './screens/home-screen.tsx';
import { LoginScreen } from './screens/login-screen.tsx';
import { LogsScreen } from './screens/logs-screen.tsx';
import { MetricsScreen } from './screens/metrics-screen.tsx';
import { SettingsScreen } from './screens/settings-screen.tsx';
import { TraceScreen } from './screens/trace-screen.tsx';
import { TracesScreen } from './screens/traces-screen.tsx';
import { TimeZoneContext, zoneLabel, type ZoneMode } from './state/time-zone.ts';
import { navigate, onLinkClick, useUrl } from './state/url-state.ts';

const THEME_KEY = 'pharlux.theme';
const ZONE_KEY = 'pharlux.time-zone';
/** A hint (no secret) that this browser has a session worth checking with /auth/me. */
const SIGNED_IN_KEY = 'pharlux.signed-in';
/** Where versions before review finding 16 kept the bearer token. */
const LEGACY_TOKEN_KEY = 'pharlux.token';

const NAV: readonly { path: string; label: string; icon: string; key: string }[] = [
  { path: '/', label: 'Home', icon: '⌂', key: 'h' },
  { path: '/explore', label: 'Explore', icon: '⌕', key: 'e' },
  { path: '/logs', label: 'Logs', icon: '☰', key: 'l' },
  { path: '/traces', label: 'Traces', icon: '⟿', key: 't' },
  // Not /metrics: that path is the server's Prometheus endpoint (SPEC §8).
  { path: '/metrics-explorer', label: 'Metrics', icon: '∿', key: 'm' },
  { path: '/dashboards', label: 'Dashboards', icon: '▦', key: 'd' },
  { path: '/alerts', label: 'Alerts', icon: '⚑', key: 'a' },
  { path: '/settings', label: 'Settings', icon: '⚙', key: 's' },
];


function applyTheme(theme: ThemeChoice): void {
  const dark = theme === 'dark' || (theme === 'system' && !matchMedia('(prefers-color-scheme: light)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

/** The whole application. */
export function App(): JSX.Element {
  // The HttpOnly session cookie is the only credential: nothing token-like in web storage (review finding 16).
  const api = useMemo(() => new ApiClient(), []);
  // undefined while the session is being checked with /auth/me.
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [theme, setThemeState] = useState<ThemeChoice>(() => (localStorage.getItem(THEME_KEY) as ThemeChoice | null) ?? 'dark');
  const [timeZone, setTimeZoneState] = useState<ZoneMode>(() => (localStorage.getItem(ZONE_KEY) === 'utc' ? 'utc' : 'local'));
  const [toastText, setToastText] = useState('');
  const url = useUrl();

  useEffect(() => applyTheme(theme), [theme]);
  useEffect(() => {
    // Earlier versions kept the token here; a tab that survived the upgrade must not keep it readable.
    sessionStorage.removeItem(LEGACY_TOKEN_KEY);
    api.onUnauthorized = () => {
      localStorage.removeItem(SIGNED_IN_KEY);
      setUser(null);
    };
    // Only ask the server when this browser signed in before: a signed-out visitor goes
    // straight to the form instead of provoking a 401 (which browsers log as an error).
    if (localStorage.getItem(SIGNED_IN_KEY) !== '1') {
      setUser(null);
      return;
    }
    api.me().then(
      (u) => {
        if (!u) localStorage.removeItem(SIGNED_IN_KEY);
        setUser(u);
      },
      () => setUser(null),
    );
  }, [api]);
  useEffect(() => {
    if (!toastText) return;
    const id = setTimeout(() => setToastText(''), 2500);
    return () => clearTimeout(id);
  }, [toastText]);

  const logout = useCallback(() => {
    void api.logout().finally(() => {
      localStorage.removeItem(SIGNED_IN_KEY);
      setUser(null);
      navigate('/login');
    });
  }, [api]);

  // Keyboard: "g" then a letter jumps to a screen, "/" focuses search (ignored while typing).
  useEffect(() => {
    let pendingG = 0;
    const onKey = (e: KeyboardEvent): void => {
      const t = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey || (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)))) return;
      if (e.key === 'g') {
        pendingG = Date.now();
        return;
      }
      if (e.key === '/') {
        // "/" focuses the screen's search box, as in most log tools.
        const box = document.querySelector<HTMLInputElement>('input[type=search], [data-search]');
        if (box) {
          e.preventDefault();
          box.focus();
        }
        return;
      }
      if (pendingG && Date.now() - pendingG < 1500) {
        const item = NAV.find((n) => n.key === e.key);
        if (item) navigate(item.path);
      }
      pendingG = 0;
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  if (user === undefined) return <div class="empty">Loading…</div>;
  if (!user) {
    return (
      <LoginScreen
        api={api}
        onLogin={(u) => {
          localStorage.setItem(SIGNED_IN_KEY, '1');
          setUser(u);
          const next = url.params.get('next');
          navigate(url.path === '/login' ? (next && next.startsWith('/') ? next : '/') : url.path + location.search, true);
        }}
      />
    );
  }
  if (url.path === '/login') navigate('/', true);

  const services: AppServices = {
    api,
    user,
    theme,
    setTheme: (t) => {
      localStorage.setItem(THEME_KEY, t);
      setThemeState(t);
    },
    timeZone,
    setTimeZone: (z) => {
      localStorage.setItem(ZONE_KEY, z);
      setTimeZoneState(z);
    },
    toast: setToastText,
    logout,
  };
  const active = NAV.filter((n) => n.path !== '/' && url.path.startsWith(n.path))[0]?.path ?? (url.path === '/' ? '/' : '');
  return (
    <AppContext.Provider value={services}>
      <TimeZoneContext.Provider value={timeZone}>
      <div class="shell">
        <nav class="nav" aria-label="Main">
          <div class="brand">◈ Pharlux</div>
          {NAV.map((n) => (
            <a key={n.path} href={n.path} class={active === n.path ? 'active' : ''} onClick={(e) => onLinkClick(e, n.path)} title={`g then ${n.key}`}>
              <span aria-hidden="true">{n.icon}</span>
              {n.label}
              <span class="key">g {n.key}</span>
            </a>
          ))}
          <div class="foot">
            <button
              type="button"
              class="zone-toggle"
              onClick={() => services.setTimeZone(timeZone === 'utc' ? 'local' : 'utc')}
              title={`Times are shown in ${timeZone === 'utc' ? 'UTC' : 'your local time zone'}; click for ${timeZone === 'utc' ? 'local time' : 'UTC'} (also in Settings)`}
              data-testid="zone-toggle"
            >
              <span aria-hidden="true">◷</span> {zoneLabel(timeZone)}
            </button>
            <span data-testid="current-user">
              {user.username} <span class="badge">{user.role}</span>
            </span>
            <button type="button" onClick={logout} data-testid="logout">
              Sign out
            </button>
          </div>
        </nav>
        <main class="main">{route(url.path)}</main>
      </div>
      {toastText ? (
        <div class="toast" role="status">
          {toastText}
        </div>
      ) : null}
      </TimeZoneContext.Provider>
    </AppContext.Provider>
  );
}

function route(path: string): JSX.Element {
  if (path === '/' || path === '') return <HomeScreen />;
  if (path === '/explore') return <ExploreScreen />;
  if (path === '/logs') return <LogsScreen />;
  if (path === '/traces') return <TracesScreen />;
  if (path.startsWith('/traces/')) return <TraceScreen traceId={decodeURIComponent(path.slice('/traces/'.length))} />;
  if (path === '/metrics-explorer') return <MetricsScreen />;
  if (path === '/dashboards') return <DashboardsListScreen />;
  if (path.startsWith('/dashboards/')) return <DashboardScreen id={decodeURIComponent(path.slice('/dashboards/'.length))} />;
  if (path === '/alerts') return <AlertsScreen />;
  if (path === '/settings') return <SettingsScreen />;
  return (
    <div class="content">
      <div class="empty">
        Nothing at <code>{path}</code>. <a href="/">Go home</a>
      </div>
    </div>
  );
}
