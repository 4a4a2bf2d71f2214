/**
 * Settings › Users: an admin sets another user's password (typed twice) through the
 * admin user route; the user's sessions end, so they sign in again with the new one.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { User } from '../api/types.ts';
import { useApp } from '../app-context.ts';
import { MIN_PASSWORD_CHARS, newPasswordProblem } from './new-password-problem.ts';

export function ResetPasswordForm(props: { user: User; onDone: (message: string) => void; onCancel: () => void }): JSX.Element {
  const { api } = useApp();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const problem = newPasswordProblem(password, confirm);
    if (problem !== null) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError('');
    try {
      await api.resetUserPassword(props.user, password);
      props.onDone(`Password of ${props.user.username} changed; their sessions have been signed out.`);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="row" onSubmit={submit} data-testid="reset-password-form" style={{ flexWrap: 'wrap', gap: '6px' }}>
      <span>New password for <strong>{props.user.username}</strong>:</span>
      <input
        type="password"
        autocomplete="new-password"
        placeholder={`new password (${MIN_PASSWORD_CHARS}+ characters)`}
        aria-label={`New password for ${props.user.username}`}
        value={password}
        onInput={(e) => setPassword(e.currentTarget.value)}
        required
        autofocus
        data-testid="reset-password-new"
      />
      <input
        type="password"
        autocomplete="new-password"
        placeholder="confirm"
        aria-label="Confirm the new password"
        value={confirm}
        onInput={(e) => setConfirm(e.currentTarget.value)}
        required
        data-testid="reset-password-confirm"
      />
      <button type="submit" class="primary" disabled={busy} data-testid="reset-password-save">
        {busy ? 'Setting…' : 'Set password'}
      </button>
      <button type="button" onClick={props.onCancel}>
        Cancel
      </button>
      {error ? (
        <div class="error-text" role="alert" style={{ flexBasis: '100%' }} data-testid="reset-password-error">
          {error}
        </div>
      ) : null}
    </form>
  );
}
