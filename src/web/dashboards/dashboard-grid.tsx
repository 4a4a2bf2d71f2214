/** The 12-column grid of panels (CSS grid; a panel's x/y/w/h are its grid lines). */
import type { JSX } from 'preact';
import type { ApiClient } from '../api/api-client.ts';
import type { ResolvedRange } from '../state/time-range.ts';
import { sortedPanels, type DashboardDoc } from './dashboard-model.ts';
import { PanelView } from './panel-view.tsx';

export interface DashboardGridProps {
  readonly api: ApiClient;
  readonly doc: DashboardDoc;
  readonly range: ResolvedRange;
  readonly variables: Readonly<Record<string, string | readonly string[]>>;
  readonly nonce: number;
  readonly onZoom?: (fromMs: number, toMs: number) => void;
  /** False while query variables are loading: panels wait instead of querying with a placeholder value. */
  readonly ready?: boolean;
}

export function DashboardGrid(props: DashboardGridProps): JSX.Element {
  if (props.doc.panels.length === 0) return <div class="empty">No panels yet.</div>;
  return (
    <div class="dash-grid" data-testid="dash-grid">
      {sortedPanels(props.doc).map((p) => (
        <PanelView key={p.id} api={props.api} panel={p} range={props.range} variables={props.variables} nonce={props.nonce} onZoom={props.onZoom} ready={props.ready !== false} />
      ))}
    </div>
  );
}
