/**
 * query/: Pharlux's SQL engine (SPEC §7), written for this project: lexer → parser
 * (sql/) → binder and logical plan (plan/) → optimizer rules (optimize/) → vectorised
 * physical operators over columnar batches (exec/), with the function library in
 * functions/ and engine-internal values in values/. The public surface is `runQuery`
 * (engine/run-query.ts), the `QueryEngine` scheduler and the worker-thread runner
 * (worker/). It depends only on columnar/ and common/, never on storage/.
 * Start reading at engine/run-query.ts.
 */
export * from './engine/index.ts';
export * from './errors.ts';
export * from './worker/index.ts';
