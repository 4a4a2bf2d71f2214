/**
 * Settings: theme, time zone and one's own password for everyone; users (with password
 * resets) and API keys (the key shown once) for admins.
 */
import { Fragment, type JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ApiKeyRecord, Role, User } from '../api/types.ts';
import { canEdit, useApp, type ThemeChoice } from '../app-context.ts';
import { ChangePasswordForm } from '../components/change-password-form.tsx';
import { copyText } from '../components/copy-text.ts';
import { ResetPasswordForm } from '../components/reset-password-form.tsx';
import { TimeText } from '../components/time-text.tsx';
import { localZoneName, offsetLabel } from '../state/time-zone.ts';

export function SettingsScreen(): JSX.Element {
  const { user, theme, setTheme, timeZone, setTimeZone } = useApp();
  return (
    <>
      <div class="toolbar">
        <h1>Settings</h1>
      </div>
      <div class="content" style={{ display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '900px' }}>
        <section>
          <h2>Theme</h2>
          <div class="row" role="radiogroup">
            {(['dark', 'light', 'system'] as ThemeChoice[]).map((t) => (
              <label key={t}>
                <input type="radio" name="theme" checked={theme === t} onChange={() => setTheme(t)} data-testid={`theme-${t}`} /> {t}
              </label>
            ))}
          </div>
        </section>
        <section>
          <h2>Time zone</h2>
          <div class="row" role="radiogroup" aria-label="Time zone">
            <label>
              <input type="radio" name="zone" checked={timeZone === 'local'} onChange={() => setTimeZone('local')} data-testid="zone-local" /> Local: {localZoneName()}
              {localZoneName() === offsetLabel(Date.now(), 'local') ? '' : ` (${offsetLabel(Date.now(), 'local')})`}
            </label>
            <label>
              <input type="radio" name="zone" checked={timeZone === 'utc'} onChange={() => setTimeZone('utc')} data-testid="zone-utc" /> UTC
            </label>
          </div>
          <div class="muted" style={{ fontSize: '12px', marginTop: '4px' }}>
            For every time on every screen; kept in this browser, not in links (a shared link shows the same instants in each reader's zone). Queries always take UTC.
          </div>
        </section>
        <section>
          <h2>Account</h2>
          <div>
            Signed in as <strong>{user.username}</strong> ({user.role}
            {user.tenant ? `, tenant ${user.tenant}` : ''}).
          </div>
          <ChangePasswordForm />
        </section>
        {canEdit(user) ? (
          <>
            <UsersSection />
            <ApiKeysSection />
          </>
        ) : (
          <div class="muted">Users and API keys are managed by an admin.</div>
        )}
      </div>
    </>
  );
}

function UsersSection(): JSX.Element {
  const { api, toast, user: me } = useApp();
  const [users, setUsers] = useState<User[]>([]);
  const [form, setForm] = useState<{ username: string; password: string; role: Role }>({ username: '', password: '', role: 'reader' });
  const [resetting, setResetting] = useState<User | null>(null);
  const [resetDone, setResetDone] = useState('');
  const load = (): void => {
    api.listUsers().then(setUsers, (err: unknown) => toast(`Users: ${err instanceof Error ? err.message : String(err)}`));
  };
  useEffect(load, [api]);
  const add = async (e: Event): Promise<void> => {
    e.preventDefault();
    try {
      await api.createUser(form);
      toast(`User ${form.username} created`);
      setForm({ username: '', password: '', role: 'reader' });
      load();
    } catch (err) {
      toast(`Create failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  return (
    <section data-testid="users-section">
      <h2>Users</h2>
      {resetDone ? (
        <div class="notice" role="status" style={{ margin: '8px 0' }} data-testid="reset-password-done">
          {resetDone}
        </div>
      ) : null}
      <table class="plain">
        <thead>
          <tr>
            <th>Username</th>
            <th>Role</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <Fragment key={String(u.id ?? u.username)}>
              <tr data-testid={`user-row-${u.username}`}>
                <td>{u.username}</td>
                <td>{u.role}</td>
                <td style={{ textAlign: 'right' }}>
                  {u.username !== me.username ? (
                    <>
                      <button
                        type="button"
                        class="link"
                        onClick={() => {
                          setResetDone('');
                          setResetting(u);
                        }}
                        data-testid={`reset-password-${u.username}`}
                      >
                        Reset password
                      </button>{' '}
                      <button
                        type="button"
                        class="link danger"
                        onClick={() => {
                          if (confirm(`Delete user ${u.username}?`)) void api.deleteUser(u.id ?? u.username).then(load, (err: unknown) => toast(String(err)));
                        }}
                      >
                        Delete
                      </button>
                    </>
                  ) : (
                    // Resetting one's own password here would end this session: Account has the form for it.
                    <span class="muted">you (change your password under Account)</span>
                  )}
                </td>
              </tr>
              {resetting !== null && resetting.username === u.username ? (
                <tr>
                  <td colSpan={3}>
                    <ResetPasswordForm
                      user={u}
                      onDone={(message) => {
                        setResetting(null);
                        setResetDone(message);
                      }}
                      onCancel={() => setResetting(null)}
                    />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </table>
      <form class="row" onSubmit={add} style={{ marginTop: '8px' }}>
        <input placeholder="username" value={form.username} onInput={(e) => setForm({ ...form, username: e.currentTarget.value })} required data-testid="new-user-name" />
        <input placeholder="password" type="password" autocomplete="new-password" value={form.password} onInput={(e) => setForm({ ...form, password: e.currentTarget.value })} required data-testid="new-user-password" />
        <select value={form.role} onChange={(e) => setForm({ ...form, role: e.currentTarget.value as Role })} data-testid="new-user-role">
          <option value="reader">reader</option>
          <option value="admin">admin</option>
        </select>
        <button type="submit" class="primary" data-testid="add-user">
          Add user
        </button>
      </form>
    </section>
  );
}

function ApiKeysSection(): JSX.Element {
  const { api, toast } = useApp();
  const [keys, setKeys] = useState<ApiKeyRecord[]>([]);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<ApiKeyRecord | null>(null);
  const load = (): void => {
    api.listApiKeys().then(setKeys, (err: unknown) => toast(`API keys: ${err instanceof Error ? err.message : String(err)}`));
  };
  useEffect(load, [api]);
  const add = async (e: Event): Promise<void> => {
    e.preventDefault();
    try {
      setCreated(await api.createApiKey(name));
      setName('');
      load();
    } catch (err) {
      toast(`Create failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  return (
    <section data-testid="api-keys-section">
      <h2>API keys</h2>
      <div class="muted">For OTLP senders (when <code>ingest.require_api_key</code> is on) and scripts. A key is shown once, when it is created.</div>
      {created?.key ? (
        <div class="notice" style={{ margin: '8px 0' }} data-testid="new-api-key">
          <div>
            Key <strong>{created.name}</strong>: copy it now, it will not be shown again.
          </div>
          <div class="row" style={{ marginTop: '4px' }}>
            <span class="once-key grow">{created.key}</span>
            <button type="button" onClick={() => void copyText(created.key ?? '').then((ok) => toast(ok ? 'Copied' : 'Select and copy the key'))}>
              Copy
            </button>
            <button type="button" onClick={() => setCreated(null)}>
              Done
            </button>
          </div>
        </div>
      ) : null}
      <table class="plain">
        <thead>
          <tr>
            <th>Name</th>
            <th>Prefix</th>
            <th>Created</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {keys.length === 0 ? (
            <tr>
              <td colSpan={4} class="muted">
                No API keys yet.
              </td>
            </tr>
          ) : null}
          {keys.map((k) => (
            <tr key={String(k.id)}>
              <td>{k.name}</td>
              <td class="mono">{k.prefix ?? ''}</td>
              <td class="muted">
                <TimeText value={k.created_at} />
              </td>
              <td style={{ textAlign: 'right' }}>
                <button
                  type="button"
                  class="link danger"
                  onClick={() => {
                    if (confirm(`Revoke key ${k.name}?`)) void api.deleteApiKey(k.id).then(load, (err: unknown) => toast(String(err)));
                  }}
                >
                  Revoke
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form class="row" onSubmit={add} style={{ marginTop: '8px' }}>
        <input placeholder="key name, e.g. collector-prod" value={name} onInput={(e) => setName(e.currentTarget.value)} required data-testid="new-key-name" />
        <button type="submit" class="primary" data-testid="add-key">
          Create key
        </button>
      </form>
    </section>
  );
}
