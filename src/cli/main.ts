/**
 * The studio's command line: the same engine as the browser, headless.
 *
 *   npm run cli -- <command> [options]      (tsx src/cli/main.ts)
 *
 * Errors go to stderr as one sentence; the exit status is 0 on success, 2 for bad input and 1 for
 * an internal failure. `runCli` is the whole program with injectable output, for in-process tests.
 */
import { pathToFileURL } from 'node:url';
import { describeFailure, EXIT_BAD_INPUT, EXIT_OK } from './cliError';
import { driftCommand } from './driftCommand';
import { processIO, type CliIO, type Command } from './cliIO';
import { predictCommand } from './predictCommand';
import { profileCommand } from './profileCommand';
import { serveCommand } from './serveCommand';
import { trainCommand } from './trainCommand';
import { useNodeKernelThreads } from './kernelThreads';

export type { CliIO } from './cliIO';

export const COMMANDS: readonly Command[] = [profileCommand, trainCommand, predictCommand, driftCommand, serveCommand];

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: npm run cli -- <command> [options]

Commands:
${lines.join('\n')}

Run "npm run cli -- <command> --help" for a command's options.
Exit status: 0 on success, 2 for bad input (a missing file, a bad CSV, an unknown column or
option), 1 for an internal failure; errors are one sentence on stderr.
`;
}

/** Runs the CLI on `argv` (without node and the script) and resolves to the exit status. */
export async function runCli(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    io.stdout(topic ? topic.usage : usage());
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`Unknown command "${name}"; commands are ${COMMANDS.map((c) => c.name).join(', ')}.\n`);
    return EXIT_BAD_INPUT;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    const { message, exitCode } = describeFailure(error);
    io.stderr(message + '\n');
    return exitCode;
  }
}

const invokedPath = process.argv[1];
if (invokedPath && import.meta.url === pathToFileURL(invokedPath).href) {
  useNodeKernelThreads();
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(describeFailure(error).message + '\n');
      process.exitCode = 1;
    },
  );
}
