/**
 * Rebuilds errors that crossed the worker boundary as data, as instances of the same
 * AppError subclasses (so `instanceof QueryMemoryExceededError` and the API's code
 * mapping both keep working).
 */
import { AppError, InternalError } from '../../common/index.ts';
import * as queryErrors from '../errors.ts';
import type { ErrorData } from './worker-protocol.ts';

const CLASSES: Readonly<Record<string, { prototype: AppError }>> = {
  SqlSyntaxError: queryErrors.SqlSyntaxError,
  UnknownColumnError: queryErrors.UnknownColumnError,
  UnknownTableError: queryErrors.UnknownTableError,
  UnknownFunctionError: queryErrors.UnknownFunctionError,
  SqlTypeError: queryErrors.SqlTypeError,
  SqlUnsupportedError: queryErrors.SqlUnsupportedError,
  QueryRuntimeError: queryErrors.QueryRuntimeError,
  QueryMemoryExceededError: queryErrors.QueryMemoryExceededError,
  QueryTimeoutError: queryErrors.QueryTimeoutError,
  QueryCancelledError: queryErrors.QueryCancelledError,
  ReadOnlyError: queryErrors.ReadOnlyError,
  QueueFullError: queryErrors.QueueFullError,
  InternalError,
};

/** An Error of the original class with the original code, message and retryability. */
export function rebuildError(data: ErrorData): AppError {
  const cls = CLASSES[data.name];
  const err: AppError = cls === undefined ? new AppError(data.code, data.message) : (Object.create(cls.prototype) as AppError);
  Object.defineProperties(err, {
    name: { value: data.name, writable: true, configurable: true },
    message: { value: data.message, writable: true, configurable: true },
    code: { value: data.code, writable: false, configurable: true },
    retryable: { value: data.retryable, writable: false, configurable: true },
    stack: { value: `${data.name}: ${data.message}\n    at <query worker>`, writable: true, configurable: true },
  });
  return err;
}
