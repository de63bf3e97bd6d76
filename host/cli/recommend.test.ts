import { join } from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoStore, tempDir } from '../../test/support/temp';
import { importCommand } from './import';

import { capturedIO, type CapturedIO } from '../../test/support/cli-io';
import { recommendCommand } from './recommend';

let dir: ReturnType<typeof tempDir>;
let cli: CapturedIO;

beforeAll(async () => {
  dir = tempDir();
  expect(await importCommand([demoStore], capturedIO(join(dir.path, 'data')).io)).toBe(0);
});
afterAll(() => dir.remove());
beforeEach(() => {
  cli = capturedIO(join(dir.path, 'data'));
});

const parsed = () => cli.out.map((line) => JSON.parse(line) as Record<string, unknown>);

describe('kiosk recommend', () => {
  it('prints one JSON line per member with sku, styleId and an English reason', async () => {
    // M000001 consented to profiling; M000009 did not (members.csv).
    expect(await recommendCommand(['--member', 'M000001,M000009', '--limit', '4'], cli.io)).toBe(0);
    const [first, second] = parsed();
    expect(cli.out).toHaveLength(2);
    expect(Object.keys(first ?? {})).toEqual(['member', 'items']);
    expect(first?.member).toBe('M000001');
    const items = first?.items as { sku: string; styleId: string; reason: string }[];
    expect(items).toHaveLength(4);
    for (const item of items) {
      expect(Object.keys(item)).toEqual(['sku', 'styleId', 'reason']);
      expect(item.sku.startsWith(`${item.styleId}-`)).toBe(true);
      expect(item.reason).toMatch(/^[A-Z][\x20-\x7e]+$/);
    }
    expect(second).toEqual({ member: 'M000009', items: [], note: 'no-consent' });
  });

  it('prints the Chinese reason with --lang zh-CN, and refuses unknown members with exit 1', async () => {
    expect(
      await recommendCommand(
        ['--member', 'M000001', '--member', 'M999999', '--lang', 'zh-CN'],
        cli.io,
      ),
    ).toBe(1);
    const [first, second] = parsed();
    const items = first?.items as { reason: string }[];
    expect(items.length).toBe(5);
    expect(items.every((item) => /[\u4e00-\u9fff]/.test(item.reason))).toBe(true);
    expect(second).toEqual({ member: 'M999999', error: 'unknown-member' });
  });

  it('answers bad usage with exit code 2', async () => {
    expect(await recommendCommand([], cli.io)).toBe(2);
    expect(await recommendCommand(['--member', 'M000001', '--limit', 'lots'], cli.io)).toBe(2);
    expect(await recommendCommand(['--member', 'M000001', '--lang', 'fr'], cli.io)).toBe(2);
    expect(cli.err[0]).toMatch(/usage: kiosk recommend/);
    expect(cli.out).toEqual([]);
  });
});
