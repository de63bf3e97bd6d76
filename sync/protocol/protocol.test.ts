import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PushRequestSchema,
  canonicalJson,
  clampHlc,
  compareStamped,
  formatHlc,
  mutationSchema,
  pageChecksum,
  parseHlc,
  MUTATION_NAMES,
  CURRENT_VERSION,
} from './index';

describe('canonical JSON and page checksum', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: null }], c: 'x' }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[1,{"y":null,"z":0}]},"b":1}',
    );
  });

  it('gives the same checksum whatever the key order, and a known value for []', () => {
    expect(pageChecksum([])).toBe(
      '4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945',
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.integer()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(pageChecksum([obj])).toBe(pageChecksum([reversed]));
      }),
    );
  });
});

describe('HLC stamps', () => {
  it('round-trips and orders as strings in time order', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 2 ** 47 }),
        fc.nat({ max: 99999 }),
        fc.nat({ max: 2 ** 47 }),
        fc.nat({ max: 99999 }),
        (w1, c1, w2, c2) => {
          const a = formatHlc({ wallMs: w1, counter: c1 });
          const b = formatHlc({ wallMs: w2, counter: c2 });
          expect(parseHlc(a)).toEqual({ wallMs: w1, counter: c1 });
          expect(
            Math.sign(compareStamped({ hlc: a, deviceId: 'd' }, { hlc: b, deviceId: 'd' })),
          ).toBe(Math.sign(w1 - w2 || c1 - c2));
        },
      ),
    );
    expect(parseHlc('12-3')).toBeNull();
  });

  it('breaks ties by device id and clamps far-future stamps', () => {
    const h = formatHlc({ wallMs: 1000, counter: 1 });
    expect(compareStamped({ hlc: h, deviceId: 'a' }, { hlc: h, deviceId: 'b' })).toBeLessThan(0);
    expect(clampHlc(formatHlc({ wallMs: 10_000, counter: 4 }), 1000, 60)).toBe(
      formatHlc({ wallMs: 1000, counter: 4 }),
    );
    expect(clampHlc(h, 1000, 60)).toBe(h);
  });
});

describe('mutation registry and push schema', () => {
  it('has a schema for the current version of every mutation and none for unknown pairs', () => {
    for (const name of MUTATION_NAMES)
      expect(mutationSchema(name, CURRENT_VERSION[name])).not.toBeNull();
    expect(mutationSchema('recordSale', 99)).toBeNull();
    expect(mutationSchema('toString', 1)).toBeNull();
  });

  it('validates an envelope and refuses a bad stamp', () => {
    const base = {
      deviceId: 'dev_1',
      epoch: 'e1',
      mutations: [
        {
          seq: 1,
          key: 'k',
          name: 'recordNps',
          version: 1,
          args: {},
          hlc: formatHlc({ wallMs: 1, counter: 0 }),
        },
      ],
    };
    expect(PushRequestSchema.safeParse(base).success).toBe(true);
    expect(
      PushRequestSchema.safeParse({ ...base, mutations: [{ ...base.mutations[0], hlc: 'now' }] })
        .success,
    ).toBe(false);
    expect(PushRequestSchema.safeParse({ ...base, mutations: [] }).success).toBe(false);
  });
});
