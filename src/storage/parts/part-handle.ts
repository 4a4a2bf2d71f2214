/**
 * What storage keeps in memory about one published part: where it is and the few footer
 * facts needed for planning and pruning. The full Parquet footer is read again when a
 * scan opens the part (FooterCache), so thousands of parts cost little memory and a
 * snapshot crosses to a worker cheaply.
 */
import type { TableName } from '../../columnar/index.ts';
import type { PartFooter } from '../parquet/index.ts';

export interface PartHandle {
  readonly table: TableName;
  readonly tenant: string;
  /** Start of the UTC hour partition. */
  readonly hourMs: number;
  readonly id: string;
  /** Path relative to the data dir. */
  readonly relPath: string;
  /** Absolute path. */
  readonly path: string;
  readonly rowCount: number;
  readonly minTimestampNs: bigint | null;
  readonly maxTimestampNs: bigint | null;
  readonly fileBytes: number;
}

/** The footer facts a PartHandle keeps. */
export function footerFacts(footer: PartFooter): Pick<PartHandle, 'rowCount' | 'minTimestampNs' | 'maxTimestampNs' | 'fileBytes'> {
  return { rowCount: footer.rowCount, minTimestampNs: footer.minTimestampNs, maxTimestampNs: footer.maxTimestampNs, fileBytes: footer.fileBytes };
}
