/** The printer job ledger on the kiosk's SQLite file: each `put` commits (synchronous=FULL) before it returns. */
import type { WritableDB } from '../core/store/db';
import { printJobRecordSchema, type PrintJobStorage } from '../device/printer/jobs';

export function sqlitePrintJobs(db: WritableDB): PrintJobStorage {
  const read = db.prepare<[string], { record: string }>(
    'SELECT record FROM print_jobs WHERE job_id = ?',
  );
  const write = db.prepare(
    `INSERT INTO print_jobs (job_id, status, record, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (job_id) DO UPDATE SET status = excluded.status, record = excluded.record,
       updated_at = excluded.updated_at`,
  );
  return {
    get(jobId) {
      const row = read.get(jobId);
      return row ? printJobRecordSchema.parse(JSON.parse(row.record)) : undefined;
    },
    put(jobId, record) {
      write.run(jobId, record.status, JSON.stringify(record), record.updatedAt);
    },
  };
}
