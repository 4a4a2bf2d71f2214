/** Alerts: the rules and their current state (read-only until the alerts issue adds editing). */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiRequestError } from '../api/api-error.ts';
import type { AlertRecord } from '../api/types.ts';
import { useApp } from '../app-context.ts';
import { TimeText } from '../components/time-text.tsx';

const STATE_CLASS: Record<string, string> = { firing: 'status-error', pending: 'sev-warn', ok: 'status-ok', inactive: 'muted', normal: 'status-ok' };

export function AlertsScreen(): JSX.Element {
  const { api } = useApp();
  const [alerts, setAlerts] = useState<AlertRecord[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api.listAlerts().then(setAlerts, (err: unknown) =>
      setError(err instanceof ApiRequestError && err.status === 403 ? 'Alert rules are visible to admins.' : err instanceof Error ? err.message : String(err)),
    );
  }, [api]);
  return (
    <>
      <div class="toolbar">
        <h1>Alerts</h1>
      </div>
      <div class="content">
        {error ? <div class={error.startsWith('Alert rules are visible') ? 'notice' : 'error-box'}>{error}</div> : null}
        {!alerts && !error ? <div class="muted">Loading alert rules…</div> : null}
        {alerts && alerts.length === 0 ? <div class="empty">No alert rules yet. Rule editing arrives with the alerting feature; rules created through the API appear here.</div> : null}
        {alerts && alerts.length > 0 ? (
          <table class="plain" data-testid="alert-list">
            <thead>
              <tr>
                <th>State</th>
                <th>Name</th>
                <th>Query</th>
                <th>Last evaluated</th>
              </tr>
            </thead>
            <tbody>
              {alerts.map((a) => {
                const state = String(a.state ?? 'unknown').toLowerCase();
                return (
                  <tr key={String(a.id)}>
                    <td class={STATE_CLASS[state] ?? ''}>{state.toUpperCase()}</td>
                    <td>{a.name}</td>
                    <td class="mono" style={{ maxWidth: '50vw', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={String(a.sql ?? a.query ?? '')}>
                      {String(a.sql ?? a.query ?? '')}
                    </td>
                    <td class="muted">
                      <TimeText value={a.last_evaluated_at} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}
      </div>
    </>
  );
}
