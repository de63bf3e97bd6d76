/**
 * The mirror's look on the phone (issue 13.2): after a garment joins the visit, the visit's look
 * is shared (core/looks: link token made once, `shareLook` queued with the garments) and every
 * card's QR opens the look's page on the cloud, with that card's garment marked. A kiosk that is
 * not enrolled shares nothing and keeps the configured product page.
 */
import { lookPageUrl, shareLook } from '../../../core/looks/looks';
import type { WritableDB } from '../../../core/store/db';
import { enrolledCloudUrl } from '../../../sync/cloud-url';

export interface LookShareDeps {
  db: WritableDB;
  now(): Date;
  stamp(): string;
}

/** Shares a visit's garments; answers each garment's phone link, or null when not enrolled. */
export type ShareVisitLook = (
  sessionId: string,
  skus: readonly string[],
) => ((sku: string) => string) | null;

export function createLookSharer(deps: LookShareDeps): ShareVisitLook {
  return (sessionId, skus) => {
    const base = enrolledCloudUrl(deps.db);
    if (!base) return null;
    const link = shareLook(deps.db, { sessionId, skus, now: deps.now(), hlc: deps.stamp() });
    return (sku) => lookPageUrl(base, link.token, sku);
  };
}
