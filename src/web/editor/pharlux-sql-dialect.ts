/**
 * The SQL vocabulary the editor highlights and completes: only what Pharlux's engine
 * understands (SPEC §7; keywords from src/query/sql, functions from the engine's scalar,
 * aggregate and window registries), so completion never offers another dialect's words
 * (SERVER, SELECTIVE, DLURLSERVER…). The UI may not import src/query (DESIGN §3) and
 * `GET /api/v1/schema` lists no functions, hence the static copy: when the engine gains
 * a function or keyword, add it here too.
 */
import { ifNotIn, type Completion, type CompletionContext, type CompletionResult, type CompletionSource } from '@codemirror/autocomplete';
import { SQLDialect } from '@codemirror/lang-sql';

/** Keywords the parser accepts (clauses, operators, joins, windows, statements). */
export const SQL_KEYWORDS: readonly string[] = (
  'select distinct from where group by having order asc desc nulls first last limit offset fetch next only ' +
  'as and or not in between like ilike similar escape is case when then else end cast extract exists ' +
  'join inner left right full outer cross natural on using lateral with recursive union all except intersect ' +
  'over partition window rows range groups filter within qualify explain analyze describe show tables interval'
).split(' ');

/** Type names `CAST(x AS t)` / `x::t` and typed literals accept. */
export const SQL_TYPES: readonly string[] = 'bigint integer int double float real numeric text varchar boolean timestamp date json'.split(' ');

/** Functions the engine implements. */
export const SQL_FUNCTIONS: readonly string[] = [
  // aggregates
  'count sum avg min max stddev stddev_pop stddev_samp variance var_pop var_samp approx_percentile percentile_cont',
  'percentile_disc median quantile quantile_cont quantile_disc first_value last_value arg_min arg_max min_by max_by bool_and bool_or every',
  // window functions
  'row_number rank dense_rank lag lead',
  // time
  'now current_timestamp date_trunc date_bin time_bucket date_part to_timestamp epoch epoch_ms',
  // strings
  'lower upper length char_length character_length octet_length substr substring trim ltrim rtrim btrim concat',
  'starts_with ends_with contains strpos replace regexp_like regexp_replace split_part repeat reverse left right',
  // math and conditionals
  'abs ceil ceiling floor round trunc sign sqrt cbrt exp ln log log10 log2 pow power mod pi degrees radians',
  'coalesce nullif greatest least',
  // JSON attributes
  'json_extract_string json_get json_get_text',
]
  .join(' ')
  .split(' ');

/** PostgreSQL's lexical rules (quoting, operators, `::`) with Pharlux's words only. */
export const PHARLUX_SQL = SQLDialect.define({
  charSetCasts: false,
  doubleDollarQuotedStrings: false,
  operatorChars: '+-*/<>=~!@#%^&|`?',
  specialVar: '',
  keywords: SQL_KEYWORDS.join(' '),
  types: SQL_TYPES.join(' '),
});

/** Completes function names (as `name(`), below columns and above keywords. */
export function functionCompletionSource(): CompletionSource {
  const options: Completion[] = SQL_FUNCTIONS.map((name) => ({ label: name, type: 'function', apply: `${name}(`, boost: -0.5 }));
  // Never inside strings, quoted names or comments (the same places lang-sql skips keywords).
  return ifNotIn(['QuotedIdentifier', 'String', 'LineComment', 'BlockComment'], (ctx: CompletionContext): CompletionResult | null => {
    const word = ctx.matchBefore(/\w+/);
    if (!word && !ctx.explicit) return null;
    const from = word?.from ?? ctx.pos;
    // After a dot comes a table's column, not a function.
    if (ctx.state.sliceDoc(Math.max(0, from - 1), from) === '.') return null;
    return { from, options, validFor: /^\w*$/ };
  });
}
