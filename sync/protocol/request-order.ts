/**
 * The one ordering rule for staff requests, shared by the cloud and every kiosk: status only moves
 * forward (waiting → on-the-way → done | cancelled), and between two versions the higher
 * (status rank, HLC, device id) wins. It is a total order, so applying versions in any order, any
 * number of times, ends on the same winner everywhere; a finished request never reopens.
 */
import { compareStamped } from './hlc';

export const REQUEST_STATUSES = ['waiting', 'on-the-way', 'done', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

const RANK: Record<RequestStatus, number> = { waiting: 0, 'on-the-way': 1, done: 2, cancelled: 2 };

export interface RequestVersion {
  status: RequestStatus;
  /** Wire HLC `WWWWWWWWWWWWWWW-CCCCC` of the write. */
  hlc: string;
  deviceId: string;
}

export function isFinished(status: RequestStatus): boolean {
  return RANK[status] === 2;
}

/** Whether a kiosk may move a request from `from` to `to` (strictly forward). */
export function movesForward(from: RequestStatus, to: RequestStatus): boolean {
  return RANK[to] > RANK[from];
}

/** Positive when `a` wins over `b`, negative when `b` wins, 0 for the same version. */
export function compareRequestVersions(a: RequestVersion, b: RequestVersion): number {
  const byRank = RANK[a.status] - RANK[b.status];
  if (byRank !== 0) return byRank;
  return compareStamped(a, b);
}
