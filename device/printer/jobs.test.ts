import { describe, expect, it } from 'vitest';
import {
  memoryJobStorage,
  nextState,
  PrintJobLedger,
  JobTransitionError,
  type PrintJobRecord,
} from './jobs';

const bytes = Uint8Array.of(0x1b, 0x40, 0x41, 0x0a);

function setup(send: (b: Uint8Array) => Promise<void> = async () => {}) {
  const storage = memoryJobStorage();
  const sent: Uint8Array[] = [];
  let t = 1000;
  const ledger = new PrintJobLedger(
    storage,
    async (b) => {
      sent.push(b);
      await send(b);
    },
    { now: () => t++, timeoutMs: 50 },
  );
  return { storage, sent, ledger };
}

describe('nextState', () => {
  const base: PrintJobRecord = {
    jobId: 'j',
    status: 'queued',
    byteLength: 1,
    createdAt: 0,
    updatedAt: 0,
  };
  it('allows queued → sending → printed | failed only', () => {
    const sending = nextState(base, { type: 'send' }, 1);
    expect(sending).toMatchObject({ status: 'sending', updatedAt: 1 });
    if (sending instanceof JobTransitionError) throw sending;
    expect(nextState(sending, { type: 'sent' }, 2)).toMatchObject({ status: 'printed' });
    expect(nextState(sending, { type: 'fail', code: 'timeout', message: 'x' }, 2)).toMatchObject({
      status: 'failed',
      error: { code: 'timeout' },
    });
    expect(nextState(base, { type: 'sent' }, 2)).toBeInstanceOf(JobTransitionError);
    expect(nextState({ ...base, status: 'printed' }, { type: 'send' }, 2)).toBeInstanceOf(
      JobTransitionError,
    );
  });
});

describe('PrintJobLedger', () => {
  it('prints once; a retry of a printed job is a no-op returning the first outcome', async () => {
    const { ledger, sent, storage } = setup();
    expect(await ledger.submit('sale-1', bytes)).toEqual({
      status: 'printed',
      jobId: 'sale-1',
      firstSubmit: true,
    });
    expect(await ledger.submit('sale-1', bytes)).toEqual({
      status: 'printed',
      jobId: 'sale-1',
      firstSubmit: false,
    });
    expect(sent).toHaveLength(1);
    expect(storage.records.get('sale-1')).toMatchObject({ status: 'printed', byteLength: 4 });
  });

  it('a retry while the first submit is still sending shares it instead of printing again', async () => {
    let release: () => void = () => {};
    const { ledger, sent } = setup(() => new Promise<void>((r) => (release = r)));
    const first = ledger.submit('sale-2', bytes);
    const retry = ledger.submit('sale-2', bytes);
    await Promise.resolve();
    release();
    expect(await first).toMatchObject({ status: 'printed', firstSubmit: true });
    expect(await retry).toMatchObject({ status: 'printed', firstSubmit: false });
    expect(sent).toHaveLength(1);
  });

  it('a timeout fails the job (it may have printed) and a retry does not resend', async () => {
    const { ledger, sent } = setup(() => new Promise<void>(() => {}));
    const outcome = await ledger.submit('sale-3', bytes);
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'timeout' } });
    expect(await ledger.submit('sale-3', bytes)).toMatchObject({
      status: 'failed',
      firstSubmit: false,
      error: { code: 'timeout' },
    });
    expect(sent).toHaveLength(1);
  });

  it('a printer error fails the job with its message', async () => {
    const { ledger } = setup(async () => {
      throw new Error('paper out');
    });
    expect(await ledger.submit('sale-4', bytes)).toMatchObject({
      status: 'failed',
      error: { code: 'printer-error', message: 'paper out' },
    });
  });

  it('after a crash: a job left sending is failed as interrupted, never resent; a queued one is sent', async () => {
    const { ledger, sent, storage } = setup();
    storage.put('crashed', {
      jobId: 'crashed',
      status: 'sending',
      byteLength: 4,
      createdAt: 1,
      updatedAt: 1,
    });
    storage.put('pending', {
      jobId: 'pending',
      status: 'queued',
      byteLength: 4,
      createdAt: 1,
      updatedAt: 1,
    });
    expect(await ledger.submit('crashed', bytes)).toMatchObject({
      status: 'failed',
      error: { code: 'interrupted' },
    });
    expect(await ledger.submit('pending', bytes)).toMatchObject({ status: 'printed' });
    expect(sent).toHaveLength(1);
    expect(storage.records.get('crashed')?.status).toBe('failed');
  });

  it('writes every state to storage in order', async () => {
    const { ledger, storage } = setup();
    const seen: string[] = [];
    const put = storage.put;
    storage.put = (id, r) => {
      seen.push(r.status);
      put(id, r);
    };
    await ledger.submit('sale-5', bytes);
    expect(seen).toEqual(['queued', 'sending', 'printed']);
  });

  it('a bad job id is a typed failure, not a throw', async () => {
    const { ledger, sent } = setup();
    expect(await ledger.submit('', bytes)).toMatchObject({
      status: 'failed',
      error: { code: 'invalid-job-id' },
    });
    expect(sent).toHaveLength(0);
  });
});
