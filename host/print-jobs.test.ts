import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type WritableDB } from '../core/store/db';
import { migrate } from '../core/store/migrations';
import { PrintJobLedger } from '../device/printer/jobs';
import { tempDir } from '../test/support/temp';
import { sqlitePrintJobs } from './print-jobs';

let dir: ReturnType<typeof tempDir>;
let db: WritableDB;
beforeEach(() => {
  dir = tempDir();
  db = openDatabase(join(dir.path, 'kiosk.db'));
  migrate(db);
});
afterEach(() => {
  db.close();
  dir.remove();
});

describe('print jobs on SQLite', () => {
  it('prints a receipt once, even when the job is retried after a restart', async () => {
    const sent: Uint8Array[] = [];
    const send = async (bytes: Uint8Array) => void sent.push(bytes);
    const first = new PrintJobLedger(sqlitePrintJobs(db), send);
    await first.submit('receipt-S1', new Uint8Array([1, 2, 3]));
    db.close();
    db = openDatabase(join(dir.path, 'kiosk.db'));
    const afterRestart = new PrintJobLedger(sqlitePrintJobs(db), send);
    await afterRestart.submit('receipt-S1', new Uint8Array([1, 2, 3]));
    expect(sent).toHaveLength(1);
    expect(sqlitePrintJobs(db).get('receipt-S1')?.status).toBe('printed');
  });
});
