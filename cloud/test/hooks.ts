/** Test hooks shared by the cloud's test files (vitest only: the bench imports harness.ts, not this). */
import { afterAll, beforeAll } from 'vitest';
import type { EnrollResponse } from '../../sync/protocol';
import { enrollDevice, type Cloud } from './harness';

/**
 * Starts a cloud before the file's (or describe block's) tests with one S001 device enrolled,
 * hands both to `ready`, and closes the cloud after the tests.
 */
export function cloudWithDevice(
  start: () => Promise<Cloud>,
  ready: (cloud: Cloud, device: EnrollResponse) => void,
): void {
  let started: Cloud | null = null;
  beforeAll(async () => {
    started = await start();
    ready(started, await enrollDevice(started, 'S001'));
  });
  afterAll(async () => started?.close());
}
