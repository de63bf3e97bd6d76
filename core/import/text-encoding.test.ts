import iconv from 'iconv-lite';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../../test/support/db';
import { copyDemoStore, demoStore } from '../../test/support/temp';
import { catalogFiles } from './catalog-files';
import { ImportError, importStoreFolder } from './importer';
import { decodeImportText } from './text-encoding';

/** GB18030 bytes of demo names, written out by hand (from Python's gb18030 codec, not iconv-lite). */
const GB = {
  dress: Buffer.from('b7c0c6c3cbaec1acd2c2c8b9', 'hex'), // 防泼水连衣裙
  essential: Buffer.from('bcabbcf2c1acd2c2c8b9', 'hex'), // 极简连衣裙
  white: Buffer.from('b0d7c9ab', 'hex'), // 白色
};
const ascii = (text: string) => Buffer.from(text, 'ascii');

describe('decodeImportText', () => {
  it('reads UTF-8 with and without a BOM', () => {
    const bom = decodeImportText(Buffer.from('\ufeffa,防泼水连衣裙\n', 'utf8'));
    expect(bom).toEqual({ ok: true, value: { text: 'a,防泼水连衣裙\n', encoding: 'utf-8' } });
    expect(decodeImportText(Buffer.from('a,极简连衣裙\n', 'utf8'))).toEqual({
      ok: true,
      value: { text: 'a,极简连衣裙\n', encoding: 'utf-8' },
    });
  });

  it('reads GB18030 (what Excel on a Chinese Windows saves as CSV)', () => {
    const bytes = Buffer.concat([
      ascii('style_id,name_zh\nDRE001,'),
      GB.dress,
      ascii('\nDRE002,'),
      GB.essential,
      ascii('\n'),
    ]);
    expect(decodeImportText(bytes)).toEqual({
      ok: true,
      value: {
        text: 'style_id,name_zh\nDRE001,防泼水连衣裙\nDRE002,极简连衣裙\n',
        encoding: 'gb18030',
      },
    });
  });

  it('refuses a NUL byte and UTF-16 with the line', () => {
    expect(decodeImportText(ascii('a,b\nc,d\ne\0f\n'))).toEqual({
      ok: false,
      error: { code: 'not-text', message: expect.stringMatching(/NUL/), details: { line: 3 } },
    });
    const utf16 = Buffer.from('\ufeffa,b\n', 'utf16le');
    expect(decodeImportText(utf16)).toMatchObject({
      ok: false,
      error: { message: /UTF-16/, details: { line: 1 } },
    });
  });

  it('refuses a damaged UTF-8 file at the damaged line instead of reading it as GB18030 mojibake', () => {
    const good = Buffer.from('a,防泼水针织衫\nc,防泼水连衣裙\n', 'utf8');
    // the last byte of 裙 (0x99) damaged into 0xC0
    const damaged = Buffer.from(good);
    damaged[good.lastIndexOf(0x99)] = 0xc0;
    // GB18030 alone reads these bytes as text: the rule has to see that they are mostly UTF-8
    const mojibake = iconv.decode(damaged, 'gb18030');
    expect(/[\p{Cn}\p{Co}\ufffd]/u.test(mojibake)).toBe(false);
    expect(mojibake).toContain('闃叉臣');
    expect(decodeImportText(damaged)).toMatchObject({
      ok: false,
      error: { message: /not UTF-8/, details: { line: 2 } },
    });
  });

  it('refuses a UTF-8 BOM followed by bytes that are not UTF-8', () => {
    const bytes = Buffer.concat([Buffer.of(0xef, 0xbb, 0xbf), ascii('a\nb,'), GB.white]);
    expect(decodeImportText(bytes)).toMatchObject({
      ok: false,
      error: { message: /BOM/, details: { line: 2 } },
    });
  });

  it('refuses bytes that are neither (binary noise, Latin-1 controls)', () => {
    const noise = Buffer.concat([ascii('a,b\n'), Buffer.of(0x81, 0x20, 0xff, 0xfe, 0x80, 0x0a)]);
    expect(decodeImportText(noise)).toMatchObject({ ok: false, error: { details: { line: 2 } } });
    const latin1 = Buffer.concat([ascii('a\nb\nc,'), Buffer.of(0x85, 0x0a)]);
    expect(decodeImportText(latin1)).toMatchObject({ ok: false, error: { details: { line: 3 } } });
  });
});

describe('import of GB18030 and broken files', () => {
  let db: TestDb;
  beforeEach(() => {
    db = openTestDb();
  });
  afterEach(() => db.close());
  const names = () =>
    db.raw
      .prepare("SELECT name_zh FROM products WHERE style_id IN ('DRE001', 'DRE002') ORDER BY 1")
      .all();

  it('stores the real Chinese names of a GB18030 products.csv and says how it read it', () => {
    const store = copyDemoStore(db.dir);
    const utf8 = readFileSync(join(demoStore, 'products.csv'), 'utf8');
    const gb = iconv.encode(utf8, 'gb18030');
    // the encoder agrees with the hand-written bytes of the first name
    expect(gb.includes(GB.dress)).toBe(true);
    writeFileSync(join(store, 'products.csv'), gb);
    const reports = importStoreFolder(db, store, catalogFiles);
    expect(reports.find((r) => r.file === 'products.csv')?.encoding).toBe('gb18030');
    expect(reports.find((r) => r.file === 'variants.csv')?.encoding).toBe('utf-8');
    expect(names()).toEqual([{ name_zh: '极简连衣裙' }, { name_zh: '防泼水连衣裙' }]);
  });

  it('refuses a file with invalid bytes or a NUL with file and line, and leaves the database untouched', () => {
    importStoreFolder(db, demoStore, catalogFiles);
    const before = db.raw.prepare('SELECT * FROM products ORDER BY style_id').all();
    const store = copyDemoStore(db.dir);
    const lines = readFileSync(join(store, 'products.csv'), 'utf8').split('\n');
    lines[4] = `${lines[4]}\u0000`;
    writeFileSync(join(store, 'products.csv'), lines.join('\n').replace('防泼水连衣裙', '新名字'));
    const variants = readFileSync(join(store, 'variants.csv'));
    const cut = variants.indexOf(Buffer.from('白色', 'utf8'));
    writeFileSync(
      join(store, 'variants.csv'),
      Buffer.concat([variants.subarray(0, cut), Buffer.of(0xff), variants.subarray(cut + 1)]),
    );
    let error: unknown;
    try {
      importStoreFolder(db, store, catalogFiles);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    const problems = error instanceof ImportError ? error.problems : [];
    const variantLine = variants.subarray(0, cut).toString('utf8').split('\n').length;
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'products.csv',
        line: 5,
        message: expect.stringMatching(/NUL/),
      }),
      expect.objectContaining({ file: 'variants.csv', line: variantLine }),
    ]);
    expect(db.raw.prepare('SELECT * FROM products ORDER BY style_id').all()).toEqual(before);
  });
});
