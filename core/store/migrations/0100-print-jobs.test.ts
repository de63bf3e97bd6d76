import { describe, expect, it } from 'vitest';
import { databaseAt, migrateTo } from './test-support';

describe('0100-print-jobs', () => {
  it('keeps one row per job id with a valid JSON record', () => {
    const db = databaseAt(90);
    migrateTo(db, 100);
    const insert = db.prepare('INSERT INTO print_jobs VALUES (?, ?, ?, ?)');
    insert.run('receipt-1', 'printed', '{"jobId":"receipt-1"}', 1);
    expect(() => insert.run('receipt-1', 'printed', '{}', 2)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insert.run('receipt-2', 'lost', '{}', 2)).toThrow(/CHECK/);
    expect(() => insert.run('receipt-3', 'queued', 'not json', 2)).toThrow(/CHECK/);
  });
});
