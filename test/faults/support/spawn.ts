/** Runs the kiosk driver as a real child process; resolves with its exit and its JSON line. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../../support/temp';

export interface DriverExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: Record<string, unknown> | null;
  stderr: string;
}

export function startDriver(
  dir: string,
  args: string[],
  env: Record<string, string> = {},
): { child: ChildProcess; done: Promise<DriverExit> } {
  const child = spawn(
    process.execPath,
    [
      join(repoRoot, 'bin/run-ts.mjs'),
      join(repoRoot, 'test/faults/support/driver.ts'),
      dir,
      ...args,
    ],
    {
      cwd: repoRoot,
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<DriverExit>((resolve) =>
    child.on('exit', (code, signal) => {
      const line = stdout.trim().split('\n').at(-1);
      let out: Record<string, unknown> | null;
      try {
        out = line ? (JSON.parse(line) as Record<string, unknown>) : null;
      } catch {
        out = null;
      }
      resolve({ code, signal, out, stderr });
    }),
  );
  return { child, done };
}

export const runDriver = (dir: string, args: string[], env?: Record<string, string>) =>
  startDriver(dir, args, env).done;
