/** Sign-in form (SPEC §8 login); the server sets the session cookie. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client.ts';
import type { User } from '../api/types.ts';

export function LoginScreen(props: { api: ApiClient; onLogin: (user: User) => void }): JSX.Element {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      const res = await props.api.login(username, password);
      props.onLogin(res.user);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="login">
      <form onSubmit={submit} data-testid="login-form">
        <h1>Pharlux</h1>
        <div class="muted">Sign in to query your metrics, logs and traces.</div>
        <label>
          Username
          <br />
          <input name="username" autocomplete="username" value={username} onInput={(e) => setUsername(e.currentTarget.value)} autofocus required style={{ width: '100%' }} />
        </label>
        <label>
          Password
          <br />
          <input name="password" type="password" autocomplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} required style={{ width: '100%' }} />
        </label>
        {error ? (
          <div class="error-text" role="alert" data-testid="login-error">
            {error}
          </div>
        ) : null}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <div class="muted" style={{ fontSize: '12px' }}>
          First start? The admin password is in <code>&lt;data_dir&gt;/initial-admin-password</code>.
        </div>
      </form>
    </div>
  );
}
