import { createHash } from 'node:crypto';
import { BusinessRejection, type Handler } from '../handler';

const MAX_JPEG_BYTES = 3 * 1024 * 1024;

/**
 * Stores a try-on photo on the member's account, once per photoId (a resend under another key
 * changes nothing). Only a JPEG of at most 3 MB is accepted; an erased or unknown member rejects.
 */
export const attachPhoto: Handler<'attachPhoto'> = async (tx, args, ctx) => {
  const jpeg = Buffer.from(args.jpeg, 'base64');
  if (jpeg.length > MAX_JPEG_BYTES || jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8)
    throw new BusinessRejection(
      'invalid-args',
      `photo ${args.photoId} is not a JPEG of at most 3 MB`,
      { kind: 'none' },
      { kind: 'sync-parked', message: `Kiosk sent an unusable photo (${args.photoId})` },
    );
  const { rows: member } = await tx.query(
    'SELECT 1 FROM members WHERE member_id = $1 AND NOT erased',
    [args.memberId],
  );
  if (member.length === 0)
    throw new BusinessRejection('member-not-found', `no member ${args.memberId}`);
  const sha256 = createHash('sha256').update(jpeg).digest('hex');
  await tx.query(
    `INSERT INTO member_photos (photo_id, member_id, jpeg, sha256, taken_at, device_id, received_at)
     VALUES ($1, $2, decode($3, 'base64'), $4, $5, $6, $7) ON CONFLICT (photo_id) DO NOTHING`,
    [
      args.photoId,
      args.memberId,
      jpeg.toString('base64'), // canonical: PostgreSQL's decoder is stricter than Node's
      sha256,
      args.takenAt,
      ctx.deviceId,
      ctx.now.toISOString(),
    ],
  );
  return { photoId: args.photoId, memberId: args.memberId, bytes: jpeg.length, sha256 };
};
