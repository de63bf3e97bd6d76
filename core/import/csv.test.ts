import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from './csv';

describe('parseCsv', () => {
  it('reads quoted fields with commas, quotes and newlines, keeping each record’s first line', () => {
    const records = parseCsv('\ufeffa,b\r\n"x, y","he said ""hi"""\n"multi\nline",z\n');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'he said "hi"'] },
      { line: 3, fields: ['multi\nline', 'z'] },
    ]);
  });

  it('skips blank lines but counts them', () => {
    expect(parseCsv('a\n\nb\n').map((r) => r.line)).toEqual([1, 3]);
  });

  it('reports an unclosed quote with the line it opened on', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n')).toThrow(CsvSyntaxError);
    try {
      parseCsv('a,b\n1,"open\n2,3\n');
    } catch (error) {
      expect((error as CsvSyntaxError).line).toBe(2);
    }
  });

  it('refuses a quote in the middle of an unquoted field', () => {
    expect(() => parseCsv('a,b"c\n')).toThrow(/line 1/);
  });
});
