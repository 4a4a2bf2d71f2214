/**
 * Dashboard variables: their choices (query variables run their SQL), their current
 * values from the URL (`var-<name>`, repeated for multi-value) or the defaults, and the
 * bar of selects/inputs that edits them.
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client.ts';
import { cellText } from '../components/data-table.tsx';
import { expandMacros } from '../sql/sql-macros.ts';
import type { ResolvedRange } from '../state/time-range.ts';
import type { Variable } from './dashboard-model.ts';

/** Variable name → choices; query variables fill in asynchronously. */
export function useVariableChoices(api: ApiClient, variables: readonly Variable[], range: ResolvedRange, nonce: number): Record<string, string[]> {
  const [choices, setChoices] = useState<Record<string, string[]>>({});
  const key = JSON.stringify(variables.map((v) => [v.name, v.type, v.sql, v.options]));
  useEffect(() => {
    let cancelled = false;
    const base: Record<string, string[]> = {};
    for (const v of variables) if (v.type === 'custom') base[v.name] = v.options ?? [];
    setChoices(base);
    for (const v of variables) {
      if (v.type !== 'query' || !v.sql) continue;
      api.query(expandMacros(v.sql, { range }), { limit: 1000 }).then(
        (res) => {
          if (cancelled) return;
          const col = res.columns[0]?.name;
          const vals = col ? res.rows.map((r) => cellText(r[col])) : [];
          setChoices((c) => ({ ...c, [v.name]: [...new Set(vals)] }));
        },
        () => {
          if (!cancelled) setChoices((c) => ({ ...c, [v.name]: [] }));
        },
      );
    }
    return () => {
      cancelled = true;
    };
  }, [api, key, nonce]);
  return choices;
}

/** Current values: URL first, then the default, then the first choice. */
export function variableValues(variables: readonly Variable[], params: URLSearchParams, choices: Record<string, string[]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const v of variables) {
    const fromUrl = params.getAll(`var-${v.name}`);
    if (v.multi) out[v.name] = fromUrl.length > 0 ? fromUrl : v.default !== undefined ? [v.default] : (choices[v.name] ?? []).slice(0, 1);
    else out[v.name] = fromUrl[0] ?? v.default ?? choices[v.name]?.[0] ?? '';
  }
  return out;
}

export interface VariableBarProps {
  readonly variables: readonly Variable[];
  readonly values: Record<string, string | string[]>;
  readonly choices: Record<string, string[]>;
  readonly onChange: (name: string, value: string | string[]) => void;
}

/** One control per variable. */
export function VariableBar(props: VariableBarProps): JSX.Element | null {
  if (props.variables.length === 0) return null;
  return (
    <div class="vars" data-testid="variable-bar">
      {props.variables.map((v) => (
        <VariableControl key={v.name} variable={v} value={props.values[v.name]} choices={props.choices[v.name]} onChange={(val) => props.onChange(v.name, val)} />
      ))}
    </div>
  );
}

function VariableControl(props: { variable: Variable; value: string | string[] | undefined; choices: string[] | undefined; onChange: (v: string | string[]) => void }): JSX.Element {
  const v = props.variable;
  const current = props.value ?? '';
  const [text, setText] = useState(typeof current === 'string' ? current : current.join(','));
  const options = useMemo(() => {
    const list = [...(props.choices ?? [])];
    for (const c of Array.isArray(current) ? current : [current]) if (c && !list.includes(c)) list.push(c);
    return list;
  }, [props.choices, current]);
  const label = <span class="muted">{v.label ?? v.name}</span>;
  if (v.type === 'text') {
    return (
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          props.onChange(text);
        }}
      >
        {label}
        <input value={text} onInput={(e) => setText(e.currentTarget.value)} onBlur={() => props.onChange(text)} data-testid={`var-${v.name}`} style={{ width: '140px' }} />
      </form>
    );
  }
  return (
    <label class="row">
      {label}
      <select
        multiple={v.multi === true}
        value={Array.isArray(current) ? undefined : current}
        onChange={(e) => {
          const sel = e.currentTarget;
          props.onChange(v.multi ? [...sel.selectedOptions].map((o) => o.value) : sel.value);
        }}
        data-testid={`var-${v.name}`}
      >
        {options.map((o) => (
          <option key={o} value={o} selected={Array.isArray(current) ? current.includes(o) : undefined}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}
