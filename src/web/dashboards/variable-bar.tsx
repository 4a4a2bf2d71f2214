/**
 * Dashboard variables: their choices (query variables run their SQL), their current
 * values from the URL (`var-<name>`, repeated for multi-value) or the defaults, and the
 * bar of selects/inputs that edits them.
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client.ts';
import { cellText } from '../components/data-table.tsx';
import { expandMacros } from '../sql/sql-macros.ts';
import type { ResolvedRange } from '../state/time-range.ts';
import type { Variable } from './dashboard-model.ts';

const customChoices = (variables: readonly Variable[]): Record<string, string[]> => Object.fromEntries(variables.filter((v) => v.type === 'custom').map((v) => [v.name, v.options ?? []]));

/**
 * Variable name → choices; custom variables have theirs at once, query variables fill in
 * asynchronously (absent until their first answer; a refresh keeps the previous list
 * until the new one arrives, so panels do not blink).
 */
export function useVariableChoices(api: ApiClient, variables: readonly Variable[], range: ResolvedRange, nonce: number): Record<string, string[]> {
  const [choices, setChoices] = useState<Record<string, string[]>>(() => customChoices(variables));
  const key = JSON.stringify(variables.map((v) => [v.name, v.type, v.sql, v.options]));
  const lastKey = useRef(key);
  useEffect(() => {
    let cancelled = false;
    const base = customChoices(variables);
    const sameVariables = lastKey.current === key;
    lastKey.current = key;
    setChoices((c) => {
      const next = { ...base };
      if (sameVariables) for (const v of variables) if (v.type === 'query' && c[v.name]) next[v.name] = c[v.name];
      return next;
    });
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

/** Whether every query variable has its choices (panels wait for them rather than query with a placeholder value). */
export function variablesReady(variables: readonly Variable[], choices: Record<string, string[]>): boolean {
  return variables.every((v) => v.type !== 'query' || !v.sql || choices[v.name] !== undefined);
}

/**
 * Current values: URL first, then the default, then the first choice; a multi-value
 * variable without either means all its choices (a lone empty `var-x=` in the URL means none).
 */
export function variableValues(variables: readonly Variable[], params: URLSearchParams, choices: Record<string, string[]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const v of variables) {
    const fromUrl = params.getAll(`var-${v.name}`);
    if (v.multi) out[v.name] = fromUrl.length === 1 && fromUrl[0] === '' ? [] : fromUrl.length > 0 ? fromUrl : v.default !== undefined ? [v.default] : (choices[v.name] ?? []);
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
  if (v.multi) {
    return (
      <div class="row">
        {label}
        <MultiChoice name={v.name} options={options} loading={props.choices === undefined} value={Array.isArray(current) ? current : current ? [current] : []} onChange={props.onChange} />
      </div>
    );
  }
  return (
    <label class="row">
      {label}
      <select
        value={Array.isArray(current) ? undefined : current}
        onChange={(e) => props.onChange(e.currentTarget.value)}
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

/** A compact multi-value picker: a button summarising the choice, a popover of checkboxes. */
function MultiChoice(props: { name: string; options: string[]; loading: boolean; value: string[]; onChange: (v: string[]) => void }): JSX.Element {
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDoc = (e: MouseEvent): void => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', onDoc);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDoc);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  const { options, value } = props;
  const all = options.length > 0 && options.every((o) => value.includes(o));
  const summary = props.loading ? 'loading…' : value.length === 0 ? 'none' : all ? `All (${options.length})` : value.length <= 2 ? value.join(', ') : `${value.slice(0, 2).join(', ')} +${value.length - 2}`;
  const shown = options.filter((o) => !filter || o.toLowerCase().includes(filter.toLowerCase()));
  const toggle = (o: string): void => props.onChange(value.includes(o) ? value.filter((x) => x !== o) : options.filter((x) => x === o || value.includes(x)));
  return (
    <div class="picker" ref={box}>
      <button type="button" onClick={() => setOpen(!open)} data-testid={`var-${props.name}`} aria-expanded={open} title={value.join(', ')}>
        {summary} ▾
      </button>
      {open ? (
        <div class="popover multi-choice" role="dialog" aria-label={props.name}>
          <div class="row">
            <button type="button" class="link" onClick={() => props.onChange([...options])}>
              All
            </button>
            <button type="button" class="link" onClick={() => props.onChange([])}>
              None
            </button>
            {options.length > 8 ? <input type="search" placeholder="Filter" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} class="grow" /> : null}
          </div>
          <div class="choices">
            {shown.map((o) => (
              <label key={o}>
                <input type="checkbox" checked={value.includes(o)} onChange={() => toggle(o)} /> {o}
              </label>
            ))}
            {shown.length === 0 ? <div class="muted">No choices.</div> : null}
          </div>
        </div>
      ) : null}
    </div>
  );
}
