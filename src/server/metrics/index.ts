/**
 * metrics/: Pharlux's self-metrics. metric-registry.ts holds counters, histograms and
 * scrape-time collectors and renders Prometheus text; components register their own
 * (api-metrics.ts, process-metrics.ts; storage and ingest via collectors wired in
 * server.ts). Start reading at metric-registry.ts.
 */
export * from './metric-registry.ts';
export * from './api-metrics.ts';
export * from './process-metrics.ts';
export * from './storage-collector.ts';
export * from './ingest-collector.ts';
export * from './self-scrape.ts';
