/**
 * The media fetcher: after a pull, brings the catalog images this kiosk does not have.
 *
 * Guarantees:
 * - each image is fetched once by its content hash with the device token, and stored only when
 *   its bytes hash to that hash, are of the announced size and type and pass the kiosk's own
 *   image check (core/rules/media/check.ts `checkReceived`); a refused image is logged by hash
 *   and not asked for again for an hour (a corrupted transfer heals then; a bad copy in the
 *   cloud is not asked for on every sync);
 * - images the store sells come first; room is made only by evicting images that matter less,
 *   so a full cache stops fetching instead of churning (media-cache.ts `makeRoom`);
 * - files are written, then indexed in one transaction per batch, so a crash or a network failure
 *   keeps everything fetched before it; offline, it stops at the first transport error and the
 *   screens keep their placeholders until the next run fills them in;
 * - resuming redoes nothing: an image is stored under its content hash and indexed with its
 *   batch, and a run asks only for hashes the index lacks, so a run stopped by a signal
 *   (`signal`, between batches), a network failure or a kill fetches only the rest next time;
 * - `onProgress` gets files and bytes of the catalog's images stored so far, out of all of them
 *   (those stored before this run counted apart, so the rate is this run's).
 */
import type { Logger } from 'pino';
import { fail } from '../common/result';
import type { MediaCache, MediaToStore, MissingMedia } from '../core/media/media-cache';
import { checkReceived } from '../core/rules/media/check';
import type { CloudClient } from './cloud-client';
import type { SyncHttpError } from './http-client';
import { MAX_MEDIA_BATCH } from './protocol';

export interface MediaFetchProgress {
  files: number;
  totalFiles: number;
  bytes: number;
  totalBytes: number;
  /** Stored before this run started. */
  before: { files: number; bytes: number };
}

export interface MediaFetchReport {
  fetched: number;
  /** Images whose bytes failed the check (wrong hash, type or content). */
  refused: number;
  /** Images the cloud no longer has: the next pull drops them from the catalog. */
  gone: number;
  /** The cache is full of images that matter as much as the ones still missing. */
  full: boolean;
  error: SyncHttpError | null;
  /** Stopped by the run's signal; the next run fetches only the rest. */
  interrupted: boolean;
}

/** Hashes looked up per query of what is missing; bytes announced per batch request. */
const LIST = 2048;
const BATCH_BYTES = 4 * 1024 * 1024;
/** Batch requests in flight (the HTTP agent keeps 4 sockets). */
const PARALLEL = 2;
/** How long an image whose bytes failed the check is left alone before it is asked for again. */
export const RETRY_REFUSED_MS = 60 * 60 * 1000;

export function createMediaFetcher(options: {
  media: MediaCache;
  log?: Logger;
  onProgress?: (p: MediaFetchProgress) => void;
  now?: () => number;
}) {
  const { media } = options;
  const now = options.now ?? Date.now;
  /** Refused images by hash → when; the host keeps one fetcher for months, so this expires. */
  const refused = new Map<string, number>();

  /** Consecutive images up to MAX_MEDIA_BATCH or BATCH_BYTES, each with room made for it. */
  function nextBatch(queue: MissingMedia[], report: MediaFetchReport, pending: { bytes: number }) {
    const batch: MissingMedia[] = [];
    let bytes = 0;
    while (queue.length > 0 && batch.length < MAX_MEDIA_BATCH) {
      const next = queue[0];
      if (!next || (batch.length > 0 && bytes + next.bytes > BATCH_BYTES)) break;
      if (!media.makeRoom(pending.bytes + next.bytes, next.tier)) {
        report.full = true;
        break;
      }
      queue.shift();
      pending.bytes += next.bytes;
      bytes += next.bytes;
      batch.push(next);
    }
    return batch;
  }

  /** Fetches one batch; stores what checks out; returns the hashes to ask again for. */
  async function fetchBatch(
    client: CloudClient,
    token: string,
    batch: MissingMedia[],
    report: MediaFetchReport,
  ): Promise<MissingMedia[]> {
    const answer = await client.mediaBatch(
      token,
      batch.map((m) => m.hash),
    );
    if (!answer.ok) {
      report.error = answer.error;
      return [];
    }
    const wanted = new Map(batch.map((m) => [m.hash, m]));
    const stored: MediaToStore[] = [];
    for (const image of answer.value.images) {
      const want = wanted.get(image.hash);
      if (!want) continue;
      wanted.delete(image.hash);
      // the size announced in the stream is what room was made for: another size is refused too
      const checked =
        image.bytes.length === want.bytes
          ? await checkReceived(image.bytes, want)
          : fail('media-refused', `is ${image.bytes.length} bytes, announced as ${want.bytes}`);
      if (checked.ok) stored.push({ hash: want.hash, type: want.type, bytes: checked.value.bytes });
      else {
        refused.set(want.hash, now());
        report.refused++;
        options.log?.warn({ hash: want.hash, reason: checked.error.message }, 'media refused');
      }
    }
    for (const hash of answer.value.missing) if (wanted.delete(hash)) report.gone++;
    if (stored.length > 0) media.put(stored);
    report.fetched += stored.length;
    progress?.add(
      stored.length,
      stored.reduce((sum, image) => sum + image.bytes.length, 0),
    );
    return [...wanted.values()];
  }

  let progress: { add(files: number, bytes: number): void } | null = null;
  /** Counts from the catalog's totals at the start of a run, then adds what each batch stores. */
  function startProgress(): void {
    const report = options.onProgress;
    if (!report) return;
    const totals = media.catalogTotals();
    const now = {
      files: totals.storedFiles,
      totalFiles: totals.files,
      bytes: totals.storedBytes,
      totalBytes: totals.bytes,
      before: { files: totals.storedFiles, bytes: totals.storedBytes },
    };
    report({ ...now });
    progress = {
      add(files, bytes) {
        now.files += files;
        now.bytes += bytes;
        report({ ...now });
      },
    };
  }

  return {
    /**
     * Fetches what is missing until done, full, the network fails, or `signal` aborts (checked
     * between batches: what was stored stays).
     */
    async run(
      client: CloudClient,
      token: string,
      runOptions: { signal?: AbortSignal } = {},
    ): Promise<MediaFetchReport> {
      const report: MediaFetchReport = {
        fetched: 0,
        refused: 0,
        gone: 0,
        full: false,
        error: null,
        interrupted: false,
      };
      const stop = () => {
        report.interrupted = runOptions.signal?.aborted === true;
        return report.interrupted || report.error !== null || report.full;
      };
      startProgress();
      for (const [hash, at] of refused) if (now() - at >= RETRY_REFUSED_MS) refused.delete(hash);
      const tried = new Set<string>();
      while (!stop()) {
        const queue = media
          .missing(LIST + refused.size + tried.size)
          .filter((m) => !refused.has(m.hash) && !tried.has(m.hash))
          .slice(0, LIST);
        if (queue.length === 0) break;
        for (const m of queue) tried.add(m.hash);
        while (queue.length > 0 && !stop()) {
          const pending = { bytes: 0 };
          const batches = [];
          for (let i = 0; i < PARALLEL; i++) {
            const batch = nextBatch(queue, report, pending);
            if (batch.length > 0) batches.push(batch);
          }
          if (batches.length === 0) break;
          const again = await Promise.all(batches.map((b) => fetchBatch(client, token, b, report)));
          // over the answer's size budget: asked for again in this run
          queue.unshift(...again.flat());
          if (again.flat().length === batches.flat().length) break; // no progress: try next run
        }
      }
      return report;
    },
  };
}

export type MediaFetcher = ReturnType<typeof createMediaFetcher>;
