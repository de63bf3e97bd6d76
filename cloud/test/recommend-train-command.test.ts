/** `npm run cloud -- train` on a file-backed PGlite: loads the demo once, trains, says what shipped. */
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp';
import { trainCommand } from '../recommend/train-command';
import { DEMO_DIR } from './harness';

const dir = tempDir('cloud-train-');
afterAll(() => dir.remove());

describe('cloud train command', () => {
  it('refuses to train an in-memory database nobody else will ever see', async () => {
    const err: string[] = [];
    const code = await trainCommand({
      env: {},
      demoDir: DEMO_DIR,
      out: () => undefined,
      err: (l) => err.push(l),
    });
    expect(code).toBe(2);
    expect(err[0]).toMatch(/DATABASE_URL or CLOUD_DATA_DIR/);
  });

  it('trains on the demo history and prints the version, the validation and each store’s copy', async () => {
    const out: string[] = [];
    const code = await trainCommand({
      env: { CLOUD_DATA_DIR: dir.path },
      demoDir: DEMO_DIR,
      out: (l) => out.push(l),
      err: (l) => out.push(`ERR ${l}`),
    });
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^model m\d{8}T\d+Z: \d+ events, \d+ members, \d+ ms$/);
    expect(out[1]).toMatch(/precision@5 0\.\d+ vs popularity 0\.\d+/);
    expect(out.slice(2).map((l) => l.split(':')[0])).toEqual(['S001', 'S002', 'S003']);
    expect(out[2]).toMatch(/^S001: \d+ rows \(\d+ members\), \d+\.\d KiB$/);
  }, 120_000);
});
