import type { ProgressOutput } from '../../common/progress';

/** What a command needs from the process, injectable so commands are testable in-process. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream;
  /** Where long work shows its progress (a bar on a terminal, plain lines otherwise). */
  progress?: ProgressOutput;
}

export type Command = (argv: string[], io: CliIO) => Promise<number>;

/**
 * Exit codes: 0 ok, 1 the command failed, 2 bad usage or bad configuration, 130 stopped by a
 * signal with its work resumable.
 */
export const exitCodes = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

export const processIO: CliIO = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  stdin: process.stdin,
  progress: process.stderr,
};
