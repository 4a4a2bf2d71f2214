/**
 * exec/kernels/: vectorised building blocks of expression evaluation — comparison,
 * arithmetic, casts, three-valued logic, LIKE, and selection kernels that produce
 * selected rows directly. Each works on dense vectors; evaluator.ts decides what to
 * call. Start reading at compare-kernel.ts.
 */
export * from './compare-kernel.ts';
export * from './arith-kernel.ts';
export * from './cast-kernel.ts';
export * from './logic-kernel.ts';
export * from './like-kernel.ts';
export * from './selection-kernel.ts';
