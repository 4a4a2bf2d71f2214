/**
 * The `buckets` JSON of histogram-like metric points (SPEC §5), built here for both
 * decoders so the text is identical whichever encoding carried the point:
 *   histogram:   {"bounds":[0,5,10],"counts":[1,0,2,0]}
 *   exponential: {"scale":4,"zero_count":0,"zero_threshold":0,
 *                 "positive":{"offset":-160,"counts":[1,0,3]},"negative":{"offset":0,"counts":[]}}
 *   summary:     {"quantiles":[{"quantile":0.5,"value":12.5},...]}
 * Lists are passed as comma-joined text (`appendListItem`) so no arrays are allocated.
 * Counts are exact unsigned decimals; bounds and values plain JSON numbers (non-finite
 * values as the strings "NaN", "Infinity", "-Infinity").
 */
import { formatPlainDouble } from './canonical-json.ts';

/** Appends an item to comma-joined list text. */
export function appendListItem(list: string, item: string): string {
  return list.length === 0 ? item : list + ',' + item;
}

export function histogramBucketsJson(boundsList: string, countsList: string): string {
  return `{"bounds":[${boundsList}],"counts":[${countsList}]}`;
}

/** One side (positive or negative) of an exponential histogram. */
export function exponentialSideJson(offset: number, countsList: string): string {
  return `{"offset":${offset},"counts":[${countsList}]}`;
}

export const EMPTY_EXPONENTIAL_SIDE = exponentialSideJson(0, '');

export function exponentialBucketsJson(scale: number, zeroCount: string, zeroThreshold: number, positive: string, negative: string): string {
  return `{"scale":${scale},"zero_count":${zeroCount},"zero_threshold":${formatPlainDouble(zeroThreshold)},"positive":${positive},"negative":${negative}}`;
}

export function quantileJson(quantile: number, value: number): string {
  return `{"quantile":${formatPlainDouble(quantile)},"value":${formatPlainDouble(value)}}`;
}

export function summaryBucketsJson(quantilesList: string): string {
  return `{"quantiles":[${quantilesList}]}`;
}
