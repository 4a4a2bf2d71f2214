/**
 * common/: the leaf module. Errors (`AppError` and friends), structured logging and
 * clocks. Knows nothing of the domain; everything may import it.
 * Start reading at errors.ts.
 */
export * from './errors.ts';
export * from './log.ts';
export * from './clock.ts';
export * from './closest-name.ts';
export * from './worker-entry.ts';
export * from './seeded-random.ts';
