import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { PrintJobLedger } from '../device/printer/jobs';

import { sqlitePrintJobs } from './print-jobs';
import { openTestDb, type TestDb } from '../test/support/db';

let db: TestDb;
beforeEach(() => (db = openTestDb()));
afterEach(() => db.close());

describe('print jobs on SQLite', () => {
  it('prints a receipt once, even when the job is retried after a restart', async () => {
    const sent: Uint8Array[] = [];
    const send = async (bytes: Uint8Array) => void sent.push(bytes);
    const first = new PrintJobLedger(sqlitePrintJobs(db), send);
    await first.submit('receipt-S1', new Uint8Array([1, 2, 3]));
    db = db.reopen();
    const afterRestart = new PrintJobLedger(sqlitePrintJobs(db), send);
    await afterRestart.submit('receipt-S1', new Uint8Array([1, 2, 3]));
    expect(sent).toHaveLength(1);
    expect(sqlitePrintJobs(db).get('receipt-S1')?.status).toBe('printed');
  });
});
