import { describe, expect, it } from 'vitest';
import { ruleMessages } from './lint-fixture';

/** Lints fixture text as if it lived at `virtualPath`, returning the layering messages. */
const layeringMessages = async (fixture: string, virtualPath: string) =>
  (await ruleMessages(fixture, virtualPath, 'local/layering')).map((m) => m.message);

describe('local/layering', () => {
  it('fails a renderer file that imports core/ and node:', async () => {
    const messages = await layeringMessages('renderer-imports-core.ts', 'renderer/bad.ts');
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/renderer\/ may not import core\//);
    expect(messages[1]).toMatch(/may not import "node:fs"/);
  });

  it('fails a core file that imports device/ but allows core/ itself', async () => {
    const messages = await layeringMessages('core-imports-device.ts', 'core/bad.ts');
    expect(messages).toEqual([expect.stringMatching(/core\/ may not import device\//)]);
  });

  it('allows the host to import core/ and device/', async () => {
    const messages = await layeringMessages('core-imports-device.ts', 'host/fine.ts');
    expect(messages).toEqual([]);
  });
});

describe('local/layering: shared and brand-side folders', () => {
  it('keeps the cloud off device/ drivers', async () => {
    expect(await layeringMessages('core-imports-device.ts', 'cloud/fine.ts')).toEqual([
      expect.stringMatching(/cloud\/ may not import device\//),
    ]);
  });

  it('keeps the HQ console off node: and off cloud internals', async () => {
    const messages = await layeringMessages('renderer-imports-core.ts', 'hq/bad.ts');
    expect(messages).toEqual([
      expect.stringMatching(/hq\/ may not import core\//),
      expect.stringMatching(/hq\/ may not import "node:fs"/),
    ]);
  });
});
