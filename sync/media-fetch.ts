/**
 * The media fetcher: after a pull, brings the catalog images this kiosk does not have.
 *
 * Guarantees:
 * - each image is fetched once by its content hash with the device token, and stored only when
 *   its bytes hash to that hash, are of the announced type and pass the kiosk's own image check
 *   (core/rules/media/check.ts `checkReceived`); a refused image is logged by hash and not asked
 *   for again until the kiosk restarts;
 * - images the store sells come first; room is made only by evicting images that matter less,
 *   so a full cache stops fetching instead of churning (media-cache.ts `makeRoom`);
 * - files are written, then indexed in one transaction per batch, so a crash or a network failure
 *   keeps everything fetched before it; offline, it stops at the first transport error and the
 *   screens keep their placeholders until the next run fills them in.
 */
import type { Logger } from 'pino';
import type { MediaCache, MediaToStore } from '../core/media/media-cache';
import { checkReceived } from '../core/rules/media/check';
import type { CloudClient } from './cloud-client';
import type { SyncHttpError } from './http-client';

export interface MediaFetchReport {
  fetched: number;
  /** Images whose bytes failed the check (wrong hash, type or content). */
  refused: number;
  /** Images the cloud no longer has (404): the next pull drops them from the catalog. */
  gone: number;
  /** The cache is full of images that matter as much as the ones still missing. */
  full: boolean;
  error: SyncHttpError | null;
}

const BATCH = 32;
const PARALLEL = 4;

type Outcome = MediaToStore | 'refused' | 'gone' | SyncHttpError;

export function createMediaFetcher(options: { media: MediaCache; log?: Logger }) {
  const { media } = options;
  const refused = new Set<string>();

  async function fetchOne(
    client: CloudClient,
    token: string,
    want: { hash: string; type: MediaToStore['type'] },
  ): Promise<Outcome> {
    const answer = await client.mediaBlob(token, want.hash);
    if (!answer.ok) return answer.error.status === 404 ? 'gone' : answer.error;
    const checked = await checkReceived(answer.value, want);
    if (!checked.ok) {
      refused.add(want.hash);
      options.log?.warn({ hash: want.hash, reason: checked.error.message }, 'media refused');
      return 'refused';
    }
    return { hash: want.hash, type: checked.value.type, bytes: checked.value.bytes };
  }

  return {
    /** Fetches what is missing until done, full, or the network fails. */
    async run(client: CloudClient, token: string): Promise<MediaFetchReport> {
      const report: MediaFetchReport = {
        fetched: 0,
        refused: 0,
        gone: 0,
        full: false,
        error: null,
      };
      const tried = new Set<string>();
      while (!report.error && !report.full) {
        const wanted = media
          .missing(BATCH + refused.size + tried.size)
          .filter((m) => !refused.has(m.hash) && !tried.has(m.hash))
          .slice(0, BATCH);
        if (wanted.length === 0) break;
        const batch: MediaToStore[] = [];
        let pendingBytes = 0;
        for (let i = 0; i < wanted.length && !report.error && !report.full; i += PARALLEL) {
          const room = [];
          for (const m of wanted.slice(i, i + PARALLEL)) {
            tried.add(m.hash);
            if (!media.makeRoom(pendingBytes + m.bytes, m.tier)) {
              report.full = true;
              break;
            }
            pendingBytes += m.bytes;
            room.push(m);
          }
          for (const outcome of await Promise.all(room.map((m) => fetchOne(client, token, m)))) {
            if (outcome === 'refused') report.refused++;
            else if (outcome === 'gone') report.gone++;
            else if ('kind' in outcome) report.error = outcome;
            else batch.push(outcome);
          }
        }
        if (batch.length > 0) media.put(batch);
        report.fetched += batch.length;
      }
      return report;
    },
  };
}

export type MediaFetcher = ReturnType<typeof createMediaFetcher>;
