/**
 * The bridge's WebSocket against hostile frames, on a real `kiosk start` (a child process): a frame
 * over the limit, a text frame that is not UTF-8, and then random frames — every size up to past the
 * limit, broken encodings, binary, fragments, arbitrary JSON, call frames with unknown methods and
 * huge ids. Each may close its own socket; none may end the host, and a client connected all along
 * and a new one are served afterwards.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { methodNames } from '../../bridge/contract';
import { maxFrameBytes } from '../../bridge/frame-limit';
import { clientProtocols } from '../../bridge/wire';
import { bridgeClient, bridgeUrl } from '../support/bridge-client';
import { startKiosk, type KioskProcess } from '../support/kiosk-process';
import { ensureRendererBuilt } from '../support/renderer-build';

let kiosk: KioskProcess;
let bystander: ReturnType<typeof bridgeClient>;

beforeAll(async () => {
  await ensureRendererBuilt();
  kiosk = await startKiosk({ storeId: 'S001', role: 'checkout', devices: [] });
  bystander = bridgeClient(kiosk.url);
  expect(await bystander['app.info']({})).toMatchObject({ ok: true });
}, 240_000);

afterAll(async () => {
  bystander?.close();
  await kiosk?.stop();
});

interface Outcome {
  answer: unknown;
  closeCode: number | null;
}

type Frame =
  | { kind: 'text'; data: string }
  | { kind: 'bytes-as-text'; data: Uint8Array }
  | { kind: 'binary'; data: Uint8Array }
  | { kind: 'fragments'; parts: string[] };

function isEvent(message: unknown): boolean {
  return typeof message === 'object' && message !== null && 't' in message && message.t === 'ev';
}

/** Opens an authorized socket (the screen's token and Origin), sends `frame`, and reports. */
function throwFrame(frame: Frame, waitMs = 400): Promise<Outcome> {
  const socket = new WebSocket(bridgeUrl(kiosk.url), clientProtocols(kiosk.token), {
    origin: new URL(kiosk.url).origin,
  });
  return new Promise((resolve, reject) => {
    let answer: unknown = null;
    let timer: NodeJS.Timeout | null = null;
    const finish = (closeCode: number | null) => {
      if (timer) clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.terminate();
      resolve({ answer, closeCode });
    };
    socket.once('error', reject);
    socket.once('close', (code) => finish(code));
    socket.on('message', (data) => {
      const message: unknown = JSON.parse(String(data));
      // A valid call may change the session, and the host then pushes an event to every screen,
      // this socket too, possibly before the answer: events are not the answer.
      if (isEvent(message)) return;
      answer = message;
      finish(null);
    });
    socket.once('open', () => {
      // A send fails when the host has already closed the socket: the close tells the outcome.
      const ignore = () => undefined;
      if (frame.kind === 'text') socket.send(frame.data, ignore);
      else if (frame.kind === 'bytes-as-text') socket.send(frame.data, { binary: false }, ignore);
      else if (frame.kind === 'binary') socket.send(frame.data, { binary: true }, ignore);
      else
        frame.parts.forEach((part, i) =>
          socket.send(part, { fin: i === frame.parts.length - 1 }, ignore),
        );
      timer = setTimeout(() => finish(null), waitMs);
    });
  });
}

async function expectStillServing(): Promise<void> {
  expect(kiosk.child.exitCode, kiosk.output()).toBeNull();
  expect(await bystander['app.info']({})).toMatchObject({ ok: true, value: { role: 'checkout' } });
  const fresh = bridgeClient(kiosk.url);
  expect(await fresh['session.current']({})).toMatchObject({ ok: true });
  fresh.close();
}

describe('one bad frame', () => {
  it('over the limit is closed with 1009, and the host serves on', async () => {
    const outcome = await throwFrame({ kind: 'text', data: 'x'.repeat(maxFrameBytes + 1) });
    expect(outcome.closeCode).toBe(1009);
    await expectStillServing();
  });

  it('of exactly the limit is read (and refused as a call), not closed', async () => {
    const outcome = await throwFrame({ kind: 'text', data: ' '.repeat(maxFrameBytes) }, 5000);
    expect(outcome).toMatchObject({ answer: { r: { error: { code: 'bad-request' } } } });
  });

  it('of text that is not UTF-8 is closed with 1007, and the host serves on', async () => {
    const bytes = Buffer.from('{"t":"call","id":1,"m":"app.info","p":{"x":"\xff"}}', 'latin1');
    const outcome = await throwFrame({ kind: 'bytes-as-text', data: bytes });
    expect(outcome.closeCode).toBe(1007);
    await expectStillServing();
  });

  it('sent in fragments that add up past the limit is closed with 1009', async () => {
    const part = 'y'.repeat(Math.ceil(maxFrameBytes / 3));
    const outcome = await throwFrame({ kind: 'fragments', parts: [part, part, part, part] });
    expect(outcome.closeCode).toBe(1009);
    await expectStillServing();
  });
});

const hugeIds = fc.constantFrom(
  Number.MAX_SAFE_INTEGER + 2,
  1e308,
  -1,
  0.5,
  '12345678901234567890123456789',
);
const methodish = fc.oneof(
  fc.constantFrom(...methodNames),
  fc.constantFrom('member.identify', 'sync.now', 'staff.requests', '__proto__', 'constructor'),
  fc.string({ maxLength: 120 }),
);
const callFrames = fc
  .record({
    t: fc.oneof(fc.constant('call'), fc.jsonValue()),
    id: fc.oneof(fc.nat(), hugeIds, fc.jsonValue()),
    m: methodish,
    p: fc.oneof(fc.jsonValue(), fc.object()),
  })
  .map((frame) => ({ kind: 'text' as const, data: JSON.stringify(frame) }));

const frames: fc.Arbitrary<Frame> = fc.oneof(
  callFrames,
  fc.jsonValue().map((value) => ({ kind: 'text' as const, data: JSON.stringify(value) ?? '' })),
  fc.string({ unit: 'binary', maxLength: 2000 }).map((data) => ({ kind: 'text' as const, data })),
  fc.uint8Array({ maxLength: 2000 }).map((data) => ({ kind: 'bytes-as-text' as const, data })),
  fc.uint8Array({ maxLength: 2000 }).map((data) => ({ kind: 'binary' as const, data })),
  fc
    .integer({ min: maxFrameBytes - 16, max: maxFrameBytes + 64 * 1024 })
    .map((size) => ({ kind: 'text' as const, data: '['.repeat(size) })),
  fc
    .array(fc.string({ maxLength: 200 }), { minLength: 2, maxLength: 5 })
    .map((parts) => ({ kind: 'fragments' as const, parts })),
);

describe('random frames', () => {
  it(
    'never end the host; every answer is an error Result or a value',
    { timeout: 180_000 },
    async () => {
      let closed = 0;
      await fc.assert(
        fc.asyncProperty(frames, async (frame) => {
          const outcome = await throwFrame(frame, 150);
          if (outcome.closeCode !== null) closed++;
          if (outcome.answer !== null)
            expect(outcome.answer).toMatchObject({ t: 'res', r: { ok: expect.any(Boolean) } });
          expect(kiosk.child.exitCode).toBeNull();
        }),
        { numRuns: 250 },
      );
      expect(closed).toBeGreaterThan(0); // the oversized and garbled ones
      await expectStillServing();
    },
  );
});
