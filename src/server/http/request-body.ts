/**
 * Reads JSON request bodies with a size cap (413 beyond it, checked on the declared
 * length and again while reading) and typed field access that answers 400 naming the
 * field. Requiring `Content-Type: application/json` also keeps plain HTML forms from
 * posting to the API (CSRF).
 */
import { isJsonObject, type JsonObject } from '../../meta/index.ts';
import { HttpError } from './error-response.ts';

/** Reads and parses a JSON object body of at most `maxBytes`. */
export async function readJsonObject(request: Request, maxBytes: number): Promise<JsonObject> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) throw new HttpError(415, 'unsupported_media_type', 'the request body must be JSON (Content-Type: application/json)');
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const text = await readCapped(request, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new HttpError(400, 'invalid_json', `the request body is not valid JSON: ${(err as Error).message}`);
  }
  if (!isJsonObject(value)) throw new HttpError(400, 'invalid_argument', 'the request body must be a JSON object');
  return value;
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, 'payload_too_large', `the request body is larger than ${maxBytes} bytes`);
}

async function readCapped(request: Request, maxBytes: number): Promise<string> {
  if (request.body === null) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
}

function invalid(field: string, what: string): HttpError {
  return new HttpError(400, 'invalid_argument', `${field} ${what}`);
}

/** A required string field. */
export function requiredString(body: JsonObject, field: string): string {
  const v = body[field];
  if (v === undefined || v === null) throw invalid(field, 'is required');
  if (typeof v !== 'string') throw invalid(field, 'must be a string');
  return v;
}

/** An optional string field (undefined when absent or null). */
export function optionalString(body: JsonObject, field: string): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalid(field, 'must be a string');
  return v;
}

/** An optional integer field. */
export function optionalInteger(body: JsonObject, field: string): number | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw invalid(field, 'must be an integer');
  return v;
}

/** An optional boolean field. */
export function optionalBoolean(body: JsonObject, field: string): boolean | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw invalid(field, 'must be true or false');
  return v;
}
