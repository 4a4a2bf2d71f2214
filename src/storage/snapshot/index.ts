/**
 * snapshot/: consistent views of a table for queries. storage-snapshot.ts is what
 * `table(name).snapshot()` returns on the main thread; snapshot-descriptor.ts turns one
 * into a structured-clonable descriptor for a query worker and back; part-scan.ts does
 * the partition/file pruning both share. Start reading at
 * storage-snapshot.ts.
 */
export { StorageSnapshot, headSources, type SnapshotHost } from './storage-snapshot.ts';
export {
  describeSnapshot,
  openTransferredSnapshot,
  DictionaryPeer,
  SnapshotReceiver,
  SNAPSHOT_DESCRIPTOR_VERSION,
  type SnapshotDescriptor,
  type TenantDescriptor,
  type HeadDescriptor,
  type DictionaryDelta,
  type OpenTransferredOptions,
} from './snapshot-descriptor.ts';
export { scanParts, type ScannablePart } from './part-scan.ts';
