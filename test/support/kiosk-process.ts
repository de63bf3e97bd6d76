/**
 * Starts the real kiosk (`bin/kiosk.mjs start`) as a child process with its own config, data
 * directory and a free port, and waits for the URL it prints — with this start's session token in
 * its fragment (`#t=…`), as a browser would open it. Used by the e2e suites and the CLI tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, tempDir } from './temp';

/** The simulated scanner's entry in a kiosk config: a serial scanner on a pty's device end. */
export function serialScanner(path: string) {
  return {
    id: 'scanner-1',
    kind: 'scanner',
    transport: 'serial',
    path,
    baudRate: 9600,
    suffix: '\r',
  } as const;
}

export interface KioskProcess {
  /** The page's address, token included: `http://127.0.0.1:<port>/#t=<token>`. */
  url: string;
  /** The session token from `url`'s fragment. */
  token: string;
  dataDir: string;
  child: ChildProcess;
  output(): string;
  /** When (performance.now() of this process) the kiosk printed its URL: the host was ready. */
  readyAt: number;
  /** Resolves when the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

/** Runs a Node script to its end without blocking this process's event loop. */
function runToEnd(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const printedUrl = /is at (http:\/\/127\.0\.0\.1:\d+\/#t=([A-Za-z0-9_-]+))/;

export async function startKiosk(
  config: unknown,
  options: {
    demo?: boolean;
    enroll?: { url: string; code: string };
    /** Extra environment (e.g. KIOSK_LOG_LEVEL) for `kiosk enroll` and `kiosk start`. */
    env?: Record<string, string>;
    /** An existing data directory to start on (kept by `stop()`); default a fresh one. */
    dataDir?: string;
  } = {},
): Promise<KioskProcess> {
  const dir = tempDir('kiosk-e2e-');
  const configPath = join(dir.path, 'kiosk.json');
  writeFileSync(configPath, JSON.stringify(config));
  const dataDir = options.dataDir ?? join(dir.path, 'data');
  let output = '';
  // Enrolled before it starts, as an installer would: `kiosk enroll <url> <code>` on its data dir.
  if (options.enroll) {
    // Asynchronously: the cloud may be served by this very process (an in-process test cloud).
    const enrolled = await runToEnd(
      [join(repoRoot, 'bin', 'kiosk.mjs'), 'enroll', options.enroll.url, options.enroll.code],
      { ...process.env, ...options.env, KIOSK_DATA_DIR: dataDir },
    );
    if (enrolled.status !== 0) throw new Error(`kiosk enroll failed: ${enrolled.stderr}`);
    output += enrolled.stdout + enrolled.stderr;
  }
  const args = [join(repoRoot, 'bin', 'kiosk.mjs'), 'start', '--no-browser', '--shell', 'web'];
  if (options.demo ?? true) args.push('--demo');
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...options.env,
      KIOSK_CONFIG: configPath,
      KIOSK_DATA_DIR: dataDir,
      KIOSK_PORT: '0',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let readyAt = Number.NaN;
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
    if (Number.isNaN(readyAt) && printedUrl.test(output)) readyAt = performance.now();
  });
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kiosk did not start:\n${output}`)), 30_000);
    const poll = setInterval(() => {
      const found = printedUrl.exec(output);
      if (found) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(found);
      }
    }, 50);
    void exited.then(({ code }) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`kiosk exited with ${code}:\n${output}`));
    });
  });
  return {
    url: match[1] ?? '',
    token: match[2] ?? '',
    dataDir,
    readyAt,
    child,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      dir.remove();
    },
  };
}
