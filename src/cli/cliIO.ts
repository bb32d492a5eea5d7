/** Where a command writes: injectable so tests run commands in-process and read what they said. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processIO: CliIO = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

/** One command of the CLI: its name, a one-line summary, its usage text and its runner. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Resolves to the exit status; throws CliError (or ImportError) for bad input. */
  run(argv: readonly string[], io: CliIO): Promise<number>;
}
