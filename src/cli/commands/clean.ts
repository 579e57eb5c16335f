import { readFileSync } from 'node:fs';
import type { RegisterCommand } from './index.js';
import { clean } from '../../core/index.js';

/** Placeholder: prints the document of one file. The full command (dirs, --out, progress, summary) is issue 2's CLI work. */
export const registerClean: RegisterCommand = (program, setExitCode) => {
  program
    .command('clean')
    .argument('<inputs...>', 'files or directories; - reads standard input')
    .description('clean scrapes into JSON documents')
    .action((inputs: string[]) => {
      try {
        const doc = clean({ bytes: readFileSync(inputs[0]!), name: inputs[0]! });
        process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
      } catch (error) {
        console.error(`${(error as { code?: string }).code ?? 'ERROR'}: ${(error as Error).message}`);
        setExitCode(1);
      }
    });
};
