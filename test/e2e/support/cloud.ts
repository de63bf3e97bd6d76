/**
 * The reference member cloud (cloud/main.ts: Fastify on PGlite with the demo store) as a real
 * child process on a free loopback port, for the e2e suites that run an enrolled kiosk. `stop()`
 * and `start()` kill and restart it on the same port and PGlite directory, which is what a kiosk
 * sees when the store's network goes away and comes back. `query()` reads the cloud's database
 * while the server is stopped (PGlite allows one opener of a directory at a time).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createPgliteDb } from '../../../cloud/db/pglite-db';
import { repoRoot, tempDir } from '../../support/temp';

export const ADMIN_TOKEN = 'e2e-admin-token';

export interface CloudProcess {
  url: string;
  running(): boolean;
  /** The server process id while it runs (benches read its CPU time). */
  pid(): number | null;
  /** A one-time enrollment code for store S001 (the server must be running). */
  enrollmentCode(): Promise<string>;
  /** Starts the server again on the same port and data (`env` for this run only); resolves once it listens. */
  start(env?: Record<string, string>): Promise<void>;
  /** SIGTERM, and waits for the exit: the port is closed afterwards. */
  stop(): Promise<void>;
  /** SIGKILL (a power cut), and waits for the exit. */
  kill(): Promise<void>;
  /** Runs SQL on the cloud database; only while stopped. */
  query<T>(sql: string, params?: (string | number | null)[]): Promise<T[]>;
  output(): string;
  /** Stops the server and removes its data. */
  remove(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface CloudProcessOptions {
  /** A PGlite directory prepared beforehand (benches); default a fresh one of its own. */
  pgliteDir?: string;
  /** PostgreSQL instead of PGlite (several instances may share it); `query()` is then unavailable. */
  databaseUrl?: string;
  /** The cloud's log level (default warn); `info` logs every request with its response time. */
  logLevel?: string;
  /** Extra environment for every start (e.g. CLOUD_TRAIN_AT=off in benches). */
  env?: Record<string, string>;
  /** How long a start may take before it counts as failed (default 60 s; a bench with a big database raises it). */
  startTimeoutMs?: number;
}

export async function startCloudProcess(options: CloudProcessOptions = {}): Promise<CloudProcess> {
  const dir = tempDir('cloud-e2e-');
  const pgliteDir = options.pgliteDir ?? join(dir.path, 'pglite');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let output = '';

  // Always its own PGlite directory, even where DATABASE_URL points the cloud suites at
  // PostgreSQL (CI): the test reads that directory after stopping the cloud.
  const { DATABASE_URL: _notThisCloud, ...inherited } = process.env;

  async function start(env: Record<string, string> = {}): Promise<void> {
    if (child) return;
    const proc = spawn(
      process.execPath,
      [join(repoRoot, 'bin', 'run-ts.mjs'), join(repoRoot, 'cloud', 'main.ts')],
      {
        cwd: repoRoot,
        env: {
          ...inherited,
          CLOUD_PORT: String(port),
          ...(options.databaseUrl
            ? { DATABASE_URL: options.databaseUrl }
            : { CLOUD_DATA_DIR: pgliteDir }),
          CLOUD_ADMIN_TOKEN: ADMIN_TOKEN,
          LOG_LEVEL: options.logLevel ?? 'warn',
          ...options.env,
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child = proc;
    proc.stdout?.on('data', (chunk) => (output += String(chunk)));
    proc.stderr?.on('data', (chunk) => (output += String(chunk)));
    proc.once('exit', () => {
      if (child === proc) child = null;
    });
    const mark = output.length;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`cloud did not start:\n${output}`)),
        options.startTimeoutMs ?? 60_000,
      );
      const poll = setInterval(() => {
        if (output.indexOf('member cloud on', mark) >= 0) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve();
        }
      }, 50);
      proc.once('exit', (code) => {
        clearInterval(poll);
        clearTimeout(timer);
        reject(new Error(`cloud exited with ${code}:\n${output}`));
      });
    });
  }

  async function stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill(signal);
    await exited;
  }

  await start();
  return {
    url,
    running: () => child !== null,
    pid: () => child?.pid ?? null,
    async enrollmentCode() {
      const res = await fetch(`${url}/admin/enrollment-codes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
        body: JSON.stringify({ storeId: 'S001', ttlSeconds: 600 }),
      });
      const body = (await res.json()) as { code?: string };
      if (!body.code) throw new Error(`no enrollment code: ${JSON.stringify(body)}`);
      return body.code;
    },
    start,
    stop: () => stop(),
    kill: () => stop('SIGKILL'),
    async query<T>(sql: string, params: (string | number | null)[] = []) {
      if (child) throw new Error('stop the cloud before querying its PGlite directory');
      if (options.databaseUrl) throw new Error('query() reads a PGlite directory only');
      const db = await createPgliteDb(pgliteDir);
      try {
        return (await db.query(sql, params)).rows as T[];
      } finally {
        await db.close();
      }
    },
    output: () => output,
    async remove() {
      await stop();
      dir.remove();
    },
  };
}

/** `kiosk <args>` against a kiosk's data dir (e.g. `sync status --json`), as staff would run it. */
export function kioskCli(dataDir: string, args: string[]): { code: number; stdout: string } {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'kiosk.mjs'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, KIOSK_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stdout: r.stdout + r.stderr };
}
