import { LogTryOnV2 } from '../../../sync/protocol';

/** The outcome a logTryOn v1 action stands for (v1 has no reason; `enter`/`leave` say nothing). */
const V1_OUTCOME: Record<string, string | null> = {
  enter: null,
  like: 'liked',
  unlike: 'rejected',
  'request-size': 'size-swap',
  leave: null,
};

/**
 * The outcome and reason to store for a logTryOn of either version: v2 names both; v1 only an
 * action, mapped to the nearest outcome (reason always null).
 */
export function tryOnOutcome(args: unknown): { outcome: string | null; reason: string | null } {
  const v2 = LogTryOnV2.safeParse(args);
  if (v2.success) return { outcome: v2.data.outcome, reason: v2.data.reason };
  const action =
    typeof args === 'object' && args !== null && 'action' in args ? String(args.action) : '';
  return { outcome: V1_OUTCOME[action] ?? null, reason: null };
}
