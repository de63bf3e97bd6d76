import { LOOK_TTL_MS } from '../../../sync/protocol';
import type { Handler } from '../handler';

/**
 * A mirror visit's look for the phone page. A later revision replaces an earlier one (garments only
 * grow within a visit); the same token from another device is ignored, and the expiry is never
 * further than 7 days from now, whatever the kiosk's clock says.
 */
export const shareLook: Handler<'shareLook'> = async (tx, args, ctx) => {
  const latest = new Date(ctx.now.getTime() + LOOK_TTL_MS).toISOString();
  const expiresAt = args.expiresAt < latest ? args.expiresAt : latest;
  const { rows } = await tx.query<{ revision: number }>(
    `INSERT INTO looks (token, store_id, device_id, revision, skus, expires_at, shared_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)
     ON CONFLICT (token) DO UPDATE SET revision = EXCLUDED.revision, skus = EXCLUDED.skus,
       shared_at = EXCLUDED.shared_at
     WHERE looks.device_id = EXCLUDED.device_id AND looks.revision < EXCLUDED.revision
     RETURNING revision`,
    [
      args.token,
      ctx.storeId,
      ctx.deviceId,
      args.revision,
      JSON.stringify(args.skus),
      expiresAt,
      ctx.now.toISOString(),
    ],
  );
  return { token: args.token, revision: rows[0]?.revision ?? null };
};
