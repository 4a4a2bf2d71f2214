/**
 * Settings › Account: change one's own password (current, new, confirm). The server
 * checks the current one like a login and ends the user's other sessions; this session
 * continues with the cookie the answer sets.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { useApp } from '../app-context.ts';
import { MIN_PASSWORD_CHARS, newPasswordProblem } from './new-password-problem.ts';

export function ChangePasswordForm(): JSX.Element {
  const { api } = useApp();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState('');
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setDone(false);
    // The same rules the server applies, checked here first so the message comes at once.
    const problem = newPasswordProblem(next, confirm);
    if (problem !== null) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError('');
    try {
      await api.changePassword(current, next);
      setCurrent('');
      setNext('');
      setConfirm('');
      setDone(true);
    } catch (err) {
      setError(err instanceof Error ? capitalise(err.message) : String(err));
    } finally {
      setBusy(false);
    }
  };
  const edit =
    (set: (v: string) => void) =>
    (e: Event): void => {
      set((e.currentTarget as HTMLInputElement).value);
      setDone(false);
    };
  return (
    <form onSubmit={submit} data-testid="change-password-form" style={{ display: 'flex', flexDirection: 'column', gap: '6px', maxWidth: '320px', marginTop: '8px' }}>
      <h3 style={{ margin: 0 }}>Change password</h3>
      <label>
        Current password
        <br />
        <input type="password" name="current-password" autocomplete="current-password" value={current} onInput={edit(setCurrent)} required style={{ width: '100%' }} data-testid="current-password" />
      </label>
      <label>
        New password <span class="muted">(at least {MIN_PASSWORD_CHARS} characters)</span>
        <br />
        <input type="password" name="new-password" autocomplete="new-password" value={next} onInput={edit(setNext)} required style={{ width: '100%' }} data-testid="new-password" />
      </label>
      <label>
        Confirm new password
        <br />
        <input type="password" name="confirm-password" autocomplete="new-password" value={confirm} onInput={edit(setConfirm)} required style={{ width: '100%' }} data-testid="confirm-password" />
      </label>
      {error ? (
        <div class="error-text" role="alert" data-testid="change-password-error">
          {error}
        </div>
      ) : null}
      {done ? (
        <div class="status-ok" role="status" data-testid="change-password-done">
          Password changed. Your other sessions have been signed out.
        </div>
      ) : null}
      <div>
        <button type="submit" class="primary" disabled={busy} data-testid="change-password">
          {busy ? 'Changing…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}

function capitalise(message: string): string {
  return message.length === 0 ? message : message[0].toUpperCase() + message.slice(1);
}
