/**
 * Turns one attribute run (a point's, record's, span's or resource's KeyValues) into
 * what a row stores: the canonical JSON object, the SPEC §4 cap check, and the
 * `service.name` value for resources. Shared by both decoders; the protobuf decoder
 * caches the result by the run's bytes, so this runs once per distinct attribute set.
 */
import { MAX_ATTRIBUTE_BYTES, MAX_ATTRIBUTES } from '../ingest-limits.ts';
import { dedupeSortedEntries, quoteJson, sortEntries, utf8Length, type JsonEntry } from './canonical-json.ts';
import { REJECT_ATTRIBUTE_COUNT, REJECT_ATTRIBUTE_SIZE } from './rejection-tally.ts';

export interface AttributeSummary {
  readonly json: string;
  /** A REJECT_* reason when the run breaks a cap, else -1. */
  readonly violation: number;
  readonly violationMessage: string | null;
  /** The string value of `service.name`, or null when absent, empty or not a string. */
  readonly serviceName: string | null;
}

export const EMPTY_ATTRIBUTES: AttributeSummary = { json: '{}', violation: -1, violationMessage: null, serviceName: null };

/** Summarises entries (in wire order; sorted in place). */
export function summarizeAttributes(entries: JsonEntry[]): AttributeSummary {
  if (entries.length === 0) return EMPTY_ATTRIBUTES;
  sortEntries(entries);
  dedupeSortedEntries(entries);
  let violation = -1;
  let violationMessage: string | null = null;
  let serviceName: string | null = null;
  if (entries.length > MAX_ATTRIBUTES) {
    violation = REJECT_ATTRIBUTE_COUNT;
    violationMessage = `${entries.length} attributes (limit ${MAX_ATTRIBUTES})`;
  }
  let json = '{';
  for (let i = 0; i < entries.length; i++) {
    const { key, json: value } = entries[i];
    if (violation < 0 && key.length + value.length > MAX_ATTRIBUTE_BYTES / 3) {
      const size = utf8Length(key) + utf8Length(value);
      if (size > MAX_ATTRIBUTE_BYTES) {
        violation = REJECT_ATTRIBUTE_SIZE;
        violationMessage = `attribute ${quoteJson(truncateForMessage(key))} is ${size} bytes (limit ${MAX_ATTRIBUTE_BYTES} for key + value)`;
      }
    }
    if (key === 'service.name' && value.length > 2 && value.charCodeAt(0) === 34) serviceName = JSON.parse(value) as string;
    if (i > 0) json += ',';
    json += quoteJson(key) + ':' + value;
  }
  return { json: json + '}', violation, violationMessage, serviceName };
}

function truncateForMessage(s: string): string {
  return s.length > 64 ? s.slice(0, 64) + '…' : s;
}
