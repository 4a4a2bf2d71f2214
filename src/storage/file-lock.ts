/**
 * flock(2) through bun:ffi on the C library. Neither Node's fs nor Bun exposes an
 * advisory file lock, and a lock the kernel drops when the process dies is the only kind
 * that survives crashes and PID reuse (review finding 7). Linux (glibc) only, which is
 * what the binary is built for (SPEC §1: linux-x64); bun:ffi works in `bun build --compile`
 * output. Used only by data-dir-lock.ts.
 */
import { dlopen, FFIType, read } from 'bun:ffi';
import { StorageUnavailableError } from './contract.ts';

const LOCK_SH = 1;
const LOCK_EX = 2;
const LOCK_NB = 4;
const EWOULDBLOCK = 11;
const EINTR = 4;

/** 'locked' = this fd now holds the lock; 'busy' = another open file holds it. */
export type FlockOutcome = 'locked' | 'busy';

/**
 * Tries once, without waiting, to take a shared or exclusive flock on `fd`. The lock
 * belongs to the open file (not the process): it goes when every fd of that open file is
 * closed, or when the process dies. Throws StorageUnavailableError when locking itself
 * fails (no libc, a file system without locks).
 */
export function tryFlock(fd: number, mode: 'shared' | 'exclusive', what: string): FlockOutcome {
  let lib: ReturnType<typeof openLibc>;
  try {
    lib = openLibc();
  } catch (err) {
    throw new StorageUnavailableError(`cannot lock ${what}: the C library could not be loaded for flock(2) (${String(err)})`);
  }
  try {
    for (;;) {
      if (lib.symbols.flock(fd, (mode === 'shared' ? LOCK_SH : LOCK_EX) | LOCK_NB) === 0) return 'locked';
      // errno is read right after the call, on the same thread.
      const errnoPtr = lib.symbols.__errno_location();
      const errno = errnoPtr === null ? -1 : read.i32(errnoPtr, 0);
      if (errno === EINTR) continue;
      if (errno === EWOULDBLOCK) return 'busy';
      throw new StorageUnavailableError(`cannot lock ${what}: flock failed with errno ${errno}`);
    }
  } finally {
    lib.close();
  }
}

function openLibc() {
  return dlopen('libc.so.6', {
    flock: { args: [FFIType.i32, FFIType.i32], returns: FFIType.i32 },
    __errno_location: { args: [], returns: FFIType.ptr },
  });
}
