/** The printer job ledger's storage (device/printer) on the kiosk's SQLite file (core/printing). */
import { createPrintJobTable } from '../core/printing/print-jobs';
import type { WritableDB } from '../core/store/db';
import { printJobRecordSchema, type PrintJobStorage } from '../device/printer/jobs';

export function sqlitePrintJobs(db: WritableDB): PrintJobStorage {
  const table = createPrintJobTable(db);
  return {
    get(jobId) {
      const stored = table.read(jobId);
      return stored === undefined ? undefined : printJobRecordSchema.parse(stored);
    },
    put: (jobId, record) => table.write(jobId, record),
  };
}
