/**
 * The receipt printer's job ledger on the kiosk's SQLite file (`print_jobs`): one JSON record per
 * job id. Each `write` commits (synchronous=FULL) before it returns, so a job the ledger marked as
 * sent is never sent again after a restart. The record's shape is the printer's (device/printer).
 */
import type { WritableDB } from '../store/db';

export function createPrintJobTable(db: WritableDB) {
  const read = db.prepare<[string], { record: string }>(
    'SELECT record FROM print_jobs WHERE job_id = ?',
  );
  const write = db.prepare(
    `INSERT INTO print_jobs (job_id, status, record, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (job_id) DO UPDATE SET status = excluded.status, record = excluded.record,
       updated_at = excluded.updated_at`,
  );
  return {
    /** The job's record as stored (parsed JSON, still to be checked), or undefined. */
    read(jobId: string): unknown {
      const row = read.get(jobId);
      return row ? JSON.parse(row.record) : undefined;
    },
    write(jobId: string, record: { status: string; updatedAt: number }): void {
      write.run(jobId, record.status, JSON.stringify(record), record.updatedAt);
    },
  };
}
