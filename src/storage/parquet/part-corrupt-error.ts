/**
 * The error a part reader throws when bytes are not a valid Pharlux part (truncated,
 * bit-flipped, wrong magic, offsets out of range, unknown schema). Named by phase: it
 * comes from reading a part, never from the user's query.
 */
import { AppError } from '../../common/index.ts';

/** A part file is unreadable; `message` names the problem (and the file when known). */
export class PartCorruptError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('part_corrupt', message, options);
  }
}

/** Encoding a part failed because the input broke an invariant (wrong schema, ragged columns). */
export class PartEncodeError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('part_encode', message, options);
  }
}
