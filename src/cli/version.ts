/** `pharlux version`: `pharlux <semver> (<git sha>)`. */
import { readBuildInfo } from '../server/index.ts';
import type { CliCommand } from './command.ts';
import { parseFlags } from './flags.ts';

export const versionCommand: CliCommand = {
  name: 'version',
  summary: 'print the version and the commit it was built from',
  help: `Usage: pharlux version

Prints "pharlux <version> (<git sha>)".
`,
  async run(args, io) {
    parseFlags(args, {});
    const info = readBuildInfo();
    io.stdout(`pharlux ${info.version} (${info.gitSha})\n`);
    return 0;
  },
};
