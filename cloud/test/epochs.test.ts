import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DB_KINDS,
  countWhere,
  enrollDevice,
  env,
  push,
  startCloud,
  type Cloud,
  tryOnArgs,
} from './harness';

describe.each(DB_KINDS)('epochs on %s', (kind) => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startCloud(kind);
  });
  afterAll(async () => cloud.close());

  const count = (tryOnId: string) => countWhere(cloud, 'tryons', 'tryon_id', tryOnId);

  it('epoch-retired names the current and the highest numeric epoch, so the kiosk can go above both', async () => {
    const dev = await enrollDevice(cloud);
    expect((await push(cloud, dev, '1', [env(1, 'logTryOn', tryOnArgs('E-a'))])).statusCode).toBe(
      200,
    );
    expect((await push(cloud, dev, '7', [env(1, 'logTryOn', tryOnArgs('E-b'))])).statusCode).toBe(
      200,
    );
    expect((await push(cloud, dev, '3', [env(1, 'logTryOn', tryOnArgs('E-c'))])).statusCode).toBe(
      200,
    );
    const stale = await push(cloud, dev, '1', [env(2, 'logTryOn', tryOnArgs('E-d'))]);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'epoch-retired',
      details: { currentEpoch: '3', highestEpoch: 7 },
    });
    expect(await count('E-d')).toBe(0);
  });

  it('a seq already spent by another key (a restored copy of the kiosk) is epoch-retired, not a duplicate', async () => {
    const dev = await enrollDevice(cloud);
    const a = env(1, 'logTryOn', tryOnArgs('R-1'));
    const b = env(2, 'logTryOn', tryOnArgs('R-2'));
    expect((await push(cloud, dev, '1', [a, b])).statusCode).toBe(200);
    // the restored copy knows seq 1 (same key) but wrote something else as seq 2
    const other = env(2, 'logTryOn', tryOnArgs('R-other'));
    const res = await push(cloud, dev, '1', [a, other]);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'epoch-retired',
      details: { currentEpoch: '1', highestEpoch: 1 },
    });
    expect(await count('R-other')).toBe(0);
    // moved to epoch 2 with the pending rows renumbered, same keys: nothing twice, nothing lost
    const again = await push(cloud, dev, '2', [
      { ...a, seq: 1 },
      { ...other, seq: 2 },
    ]);
    expect(again.statusCode).toBe(200);
    expect(again.json().results.map((r: { status: string }) => r.status)).toEqual([
      'duplicate',
      'applied',
    ]);
    expect([await count('R-1'), await count('R-2'), await count('R-other')]).toEqual([1, 1, 1]);
    expect(
      (await push(cloud, dev, '1', [env(3, 'logTryOn', tryOnArgs('R-3'))])).json().error.code,
    ).toBe('epoch-retired');
  });
});
