import { describe, expect, it } from 'vitest';
import type { SessionView } from '../../bridge/views';
import { warmUpCard } from '../components/warm-up-view';
import { emptyView } from '../store/view-fixture';
import { createImageGate, firstFramePictures } from './image-gate';

const H1 = 'a'.repeat(64);
const H2 = 'b'.repeat(64);
const viewWith = (hash: string | null): SessionView => ({
  ...emptyView,
  sessionId: 'V1',
  cards: [{ ...warmUpCard(0), image: { hash, alt: { zh: '裙', en: 'Dress' } } }],
});
const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the image gate', () => {
  it('names the focused card’s large picture, nothing when it has none', () => {
    expect(firstFramePictures(viewWith(H1))).toEqual([`/media/${H1}/screen`]);
    expect(firstFramePictures(viewWith(null))).toEqual([]);
  });

  it('commits a card with a new picture only once it is decoded, and the same card again at once', async () => {
    let finish = () => undefined as void;
    const decoded: string[] = [];
    const gate = createImageGate({
      decode: (url) =>
        new Promise<void>((resolve) => {
          finish = () => {
            decoded.push(url);
            resolve();
          };
        }),
      maxWaitMs: 1000,
    });
    const committed: SessionView[] = [];
    gate.apply(viewWith(H1), (v) => committed.push(v));
    await tick();
    expect(committed).toEqual([]);
    finish();
    await tick();
    expect(committed).toHaveLength(1);
    gate.apply(viewWith(H1), (v) => committed.push(v));
    expect(committed).toHaveLength(2); // the same card still on top (a reaction): no wait
    gate.apply(viewWith(null), (v) => committed.push(v));
    expect(committed).toHaveLength(3);
    gate.apply(viewWith(H1), (v) => committed.push(v)); // back on top: decoded (from cache) first
    await tick();
    expect(committed).toHaveLength(3);
    finish();
    await tick();
    expect(committed).toHaveLength(4);
    expect(decoded).toEqual([`/media/${H1}/screen`, `/media/${H1}/screen`]);
  });

  it('gives up waiting after maxWaitMs, and drops a view a newer one overtook', async () => {
    const gate = createImageGate({ decode: () => new Promise(() => undefined), maxWaitMs: 20 });
    const committed: string[] = [];
    gate.apply(viewWith(H1), () => committed.push('first'));
    gate.apply(viewWith(H2), () => committed.push('second'));
    await tick(60);
    expect(committed).toEqual(['second']);
  });
});
