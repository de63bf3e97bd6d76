/**
 * The cloud's catalog media: images stored once by content hash (`media_blobs`), the image each
 * style and colour shows (`catalog_media`, the source of the `media` stream), and sizes made once
 * for the public route (`media_variants`). Every image goes through the same check as a kiosk's
 * import (core/rules/media/check.ts) before it is stored, so what kiosks receive already passes
 * theirs.
 */
import { readFile, realpath } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { checkMedia } from '../../core/rules/media/check';
import type { MediaSize, MediaType } from '../../core/rules/media/types';
import { isRaster, makeVariant, VARIANT_TYPE } from '../../core/rules/media/variants';
import { parseCsv } from '../demo/csv';
import type { Queryable } from '../db/db';

export interface MediaBlob {
  hash: string;
  type: MediaType;
  data: Buffer;
}

export interface MediaRef {
  styleId: string;
  colorCode: string;
  hash: string;
  altZh: string;
  altEn: string;
}

export class MediaLoadError extends Error {
  readonly code = 'media-invalid';
}

const CHUNK = 500;

/** Stores blobs (once each) and points styles and colours at them, in the caller's transaction. */
export async function storeCatalogMedia(
  tx: Queryable,
  blobs: readonly MediaBlob[],
  refs: readonly MediaRef[],
): Promise<void> {
  for (let i = 0; i < blobs.length; i += CHUNK) {
    const chunk = blobs.slice(i, i + CHUNK).map((b) => ({
      hash: b.hash,
      type: b.type,
      data: b.data.toString('base64'),
    }));
    await tx.query(
      `INSERT INTO media_blobs (hash, type, bytes, data)
       SELECT r.hash, r.type, octet_length(decode(r.data, 'base64')), decode(r.data, 'base64')
       FROM jsonb_to_recordset($1::jsonb) AS r(hash text, type text, data text)
       ON CONFLICT (hash) DO NOTHING`,
      [JSON.stringify(chunk)],
    );
  }
  for (let i = 0; i < refs.length; i += CHUNK * 10) {
    await tx.query(
      `INSERT INTO catalog_media (style_id, color_code, hash, alt_zh, alt_en)
       SELECT r."styleId", r."colorCode", r.hash, r."altZh", r."altEn"
       FROM jsonb_to_recordset($1::jsonb) AS r("styleId" text, "colorCode" text, hash text, "altZh" text, "altEn" text)
       ON CONFLICT (style_id, color_code) DO UPDATE SET hash = EXCLUDED.hash, alt_zh = EXCLUDED.alt_zh,
         alt_en = EXCLUDED.alt_en, updated_at = now()
       WHERE (catalog_media.hash, catalog_media.alt_zh, catalog_media.alt_en)
         IS DISTINCT FROM (EXCLUDED.hash, EXCLUDED.alt_zh, EXCLUDED.alt_en)`,
      [JSON.stringify(refs.slice(i, i + CHUNK * 10))],
    );
  }
}

/** Reads and checks every image an images.csv names; refuses the whole folder on any bad file. */
export async function readImagesFolder(
  dir: string,
): Promise<{ blobs: MediaBlob[]; refs: MediaRef[] }> {
  let text: string;
  try {
    text = await readFile(join(dir, 'images.csv'), 'utf8');
  } catch {
    return { blobs: [], refs: [] };
  }
  text = text.replace(/^\uFEFF/, ''); // a spreadsheet's BOM would rename the first column
  const root = resolve(dir);
  const realRoot = await realpath(root);
  const blobs = new Map<string, MediaBlob>();
  const refs: MediaRef[] = [];
  const problems: string[] = [];
  for (const [index, row] of parseCsv(text).entries()) {
    const file = (row.file ?? '').trim();
    const path = resolve(root, file);
    // a symlink counts by where it leads (a missing file is reported below)
    const real = await realpath(path).catch(() => null);
    if (!path.startsWith(root + sep) || (real && !real.startsWith(realRoot + sep))) {
      problems.push(`images.csv:${index + 2} ${file} is outside the folder`);
      continue;
    }
    const content = await readFile(path).catch(() => null);
    if (!content) {
      problems.push(`images.csv:${index + 2} ${file} is missing`);
      continue;
    }
    const checked = await checkMedia(content);
    if (!checked.ok) {
      problems.push(`images.csv:${index + 2} ${file} ${checked.error.message}`);
      continue;
    }
    const { hash, type, bytes } = checked.value;
    blobs.set(hash, { hash, type, data: bytes });
    refs.push({
      styleId: row.style_id ?? '',
      colorCode: row.color_code ?? '',
      hash,
      altZh: row.alt_zh ?? '',
      altEn: row.alt_en ?? '',
    });
  }
  if (problems.length > 0) throw new MediaLoadError(problems.slice(0, 20).join('\n'));
  return { blobs: [...blobs.values()], refs };
}

const bytesOf = (value: unknown): Buffer | null =>
  value instanceof Uint8Array ? Buffer.from(value) : null;

/** Several images by hash (those the cloud has), in one query. */
export async function readBlobs(db: Queryable, hashes: readonly string[]): Promise<MediaBlob[]> {
  const { rows } = await db.query<{ hash: string; type: MediaType; data: unknown }>(
    `SELECT hash, type, data FROM media_blobs WHERE hash = ANY(string_to_array($1, ','))`,
    [hashes.join(',')],
  );
  return rows.flatMap((row) => {
    const data = bytesOf(row.data);
    return data ? [{ hash: row.hash, type: row.type, data }] : [];
  });
}

/** An image's stored bytes and type, or null. */
export async function readBlob(db: Queryable, hash: string): Promise<MediaBlob | null> {
  const { rows } = await db.query<{ type: MediaType; data: unknown }>(
    'SELECT type, data FROM media_blobs WHERE hash = $1',
    [hash],
  );
  const row = rows[0];
  const data = bytesOf(row?.data);
  return row && data ? { hash, type: row.type, data } : null;
}

/**
 * An image at a size: SVG as it is, a raster image resized once (sharp) and kept in
 * `media_variants`, so every later request is a read.
 */
export async function readSized(
  db: Queryable,
  hash: string,
  size: MediaSize,
): Promise<{ type: string; data: Buffer } | null> {
  const { rows } = await db.query<{ type: string; data: unknown }>(
    'SELECT type, data FROM media_variants WHERE hash = $1 AND size = $2',
    [hash, size],
  );
  const cached = bytesOf(rows[0]?.data);
  if (rows[0] && cached) return { type: rows[0].type, data: cached };
  const blob = await readBlob(db, hash);
  if (!blob) return null;
  if (!isRaster(blob.type)) return { type: blob.type, data: blob.data };
  const data = await makeVariant(blob.data, size);
  await db.query(
    `INSERT INTO media_variants (hash, size, type, data) VALUES ($1, $2, $3, decode($4, 'base64'))
     ON CONFLICT DO NOTHING`,
    [hash, size, VARIANT_TYPE, data.toString('base64')],
  );
  return { type: VARIANT_TYPE, data };
}
