/** Maps the `storage.*` configuration (SPEC §3) onto the storage engine's options. */
import type { Logger } from '../common/index.ts';
import type { StorageOptions, WalDecoder } from '../storage/index.ts';
import type { PharluxConfig } from './config.ts';

export function storageOptionsFrom(config: PharluxConfig, logger: Logger, walDecoder: WalDecoder): StorageOptions {
  const s = config.storage;
  return {
    dataDir: s.dataDir,
    mode: 'serve',
    walSync: s.walSync,
    walSyncIntervalMs: s.walSyncIntervalMs,
    walSegmentBytes: s.walSegmentBytes,
    walMaxBytes: s.walMaxBytes,
    headMaxBytes: s.headMaxBytes,
    flushIntervalSeconds: s.flushIntervalSeconds,
    parquetCompression: s.parquetCompression,
    parquetZstdLevel: s.parquetZstdLevel,
    compactionIntervalSeconds: s.compactionIntervalSeconds,
    retentionDays: s.retentionDays,
    maxDiskBytes: s.maxDiskBytes,
    minFreeDiskBytes: s.minFreeDiskBytes,
    logger,
    walDecoder,
  };
}
