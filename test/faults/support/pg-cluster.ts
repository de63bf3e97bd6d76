/**
 * A throwaway PostgreSQL 15 cluster for the fault suite and the sync bench, when the machine has
 * one installed and we may run it (shared/ENVIRONMENT.md): fsync off, loopback only, random port.
 * Returns null when PostgreSQL is not available; callers then use DATABASE_URL or PGlite only.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = '/usr/lib/postgresql/15/bin';

export interface PgCluster {
  url: string;
  stop(): void;
}

export function startPgCluster(): PgCluster | null {
  if (!existsSync(join(BIN, 'initdb')) || process.getuid?.() !== 0) return null;
  const dir = mkdtempSync(join(tmpdir(), 'sync-pg-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const asPg = (cmd: string) => execFileSync('su', ['postgres', '-c', cmd], { stdio: 'pipe' });
  try {
    execFileSync('chown', ['postgres:postgres', dir]);
    asPg(`${BIN}/initdb -D ${dir}/data -A trust -U postgres --no-sync`);
    asPg(
      `${BIN}/pg_ctl -D ${dir}/data -o '-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off' -l ${dir}/log -w start`,
    );
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        asPg(`${BIN}/pg_ctl -D ${dir}/data -m immediate -w stop`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
