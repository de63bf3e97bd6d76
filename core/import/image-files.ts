/**
 * images.csv and the image files it names (style_id, color_code, file, alt_zh, alt_en).
 *
 * Every named file is checked before the import transaction (core/rules/media/check.ts: type by
 * content, size limit, SVG allow-list, raster decoded in full) and, when good, written to the media
 * cache's folder without being part of the cache yet. A bad or missing file is a problem of its
 * images.csv line (field `file`), like any other bad row: nothing is imported. The rows then go
 * through the ordinary import, whose transaction also indexes the images; a row for a style and
 * colour the catalog does not have is refused there.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { fail, ok, type Result } from '../../common/result';
import { resolve, sep } from 'node:path';
import { z } from 'zod';
import type { MediaCache } from '../media/media-cache';
import { checkMedia } from '../rules/media/check';
import { MEDIA_LIMITS, type MediaType } from '../rules/media/types';
import { parseCsv } from './csv';
import { id, text } from './fields';
import { fileSpec, type FileSpec } from './spec';
import { decodeImportText } from './text-encoding';

export const IMAGES_FILE = 'images.csv';
const MAX_FILE_BYTES = Math.max(MEDIA_LIMITS.maxRasterBytes, MEDIA_LIMITS.maxSvgBytes);

interface CheckedImage {
  hash: string;
  type: MediaType;
  bytes: number;
  thumbBytes: number | null;
}

/** One named file: the image staged in the media folder, or why it was refused. */
type Checked = Result<CheckedImage, 'bad-image'>;
const refuse = (message: string): Checked => fail('bad-image', message);

export interface ImageChecks {
  /** By the `file` value as images.csv writes it (trimmed). */
  results: Map<string, Checked>;
  /** Hashes written to the media folder by this check (to discard if the import fails). */
  staged: string[];
}

/** The `file` values of images.csv; empty when it is absent or unreadable (reported later). */
function namedFiles(dir: string): string[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolve(dir, IMAGES_FILE));
  } catch {
    return [];
  }
  const decoded = decodeImportText(bytes);
  if (!decoded.ok) return [];
  try {
    const [header, ...rows] = parseCsv(decoded.value.text);
    const column = header?.fields.map((f) => f.trim()).indexOf('file') ?? -1;
    if (column < 0) return [];
    return [...new Set(rows.map((r) => r.fields[column]?.trim() ?? '').filter(Boolean))];
  } catch {
    return [];
  }
}

async function checkOne(dir: string, file: string, media: MediaCache): Promise<Checked> {
  const root = resolve(dir);
  const path = resolve(root, file);
  if (!path.startsWith(root + sep) || file.includes('\0'))
    return refuse(`${file} is outside the store folder`);
  let size: number;
  try {
    // a symlink is followed only where it stays in the folder (the folder may itself be a link)
    if (!realpathSync(path).startsWith(realpathSync(root) + sep))
      return refuse(`${file} is outside the store folder`);
    const stat = statSync(path);
    if (!stat.isFile()) return refuse(`${file} is not a file`);
    size = stat.size;
  } catch {
    return refuse(`${file} is missing`);
  }
  if (size > MAX_FILE_BYTES)
    return refuse(`${file} is larger than any image may be (${size} bytes)`);
  const checked = await checkMedia(readFileSync(path));
  if (!checked.ok) return refuse(`${file} ${checked.error.message}`);
  const image = checked.value;
  try {
    media.stage(image);
  } catch (error) {
    return refuse(`${file} could not be stored: ${String(error)}`);
  }
  return ok({
    hash: image.hash,
    type: image.type,
    bytes: image.bytes.length,
    thumbBytes: image.thumb?.length ?? null,
  });
}

/** Checks every file images.csv names, two at a time (sharp decodes on the thread pool). */
export async function checkImageFiles(dir: string, media: MediaCache): Promise<ImageChecks> {
  const files = namedFiles(dir);
  const results = new Map<string, Checked>();
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++] ?? '';
      results.set(file, await checkOne(dir, file, media));
    }
  };
  await Promise.all([worker(), worker()]);
  const staged = [...results.values()].flatMap((r) => (r.ok ? [r.value.hash] : []));
  return { results, staged };
}

const columns = ['style_id', 'color_code', 'hash', 'type', 'bytes', 'alt_zh', 'alt_en'] as const;
const col = (name: (typeof columns)[number]) => columns.indexOf(name);

/** The import spec of images.csv, over the results of `checkImageFiles`. */
export function imageFiles(checks: ImageChecks, media: MediaCache): FileSpec[] {
  const good = (file: string) => {
    const result = checks.results.get(file);
    return result?.ok ? result.value : null;
  };
  const byHash = new Map(
    [...checks.results.values()].flatMap((r) => (r.ok ? [[r.value.hash, r.value] as const] : [])),
  );
  const schema = z.object({
    style_id: id,
    color_code: id,
    file: z
      .string()
      .trim()
      .min(1, 'is empty')
      .superRefine((file, ctx) => {
        const result = checks.results.get(file);
        if (!result) ctx.addIssue({ code: 'custom', message: `${file} was not read` });
        else if (!result.ok) ctx.addIssue({ code: 'custom', message: result.error.message });
      }),
    alt_zh: text,
    alt_en: text,
  });
  return [
    fileSpec({
      file: IMAGES_FILE,
      table: 'catalog_media',
      header: Object.keys(schema.shape),
      schema,
      columns,
      key: ['style_id', 'color_code'],
      optional: true,
      toRow: (r) => {
        const image = good(r.file);
        return [
          r.style_id,
          r.color_code,
          image?.hash,
          image?.type,
          image?.bytes,
          r.alt_zh,
          r.alt_en,
        ];
      },
      prepare(row, { db }) {
        const [style, colour] = [String(row[col('style_id')]), String(row[col('color_code')])];
        const known = db
          .prepare('SELECT 1 FROM variants WHERE style_id = ? AND color_code = ? LIMIT 1')
          .get(style, colour);
        if (!known)
          return {
            field: 'color_code',
            problem: `the catalog has no ${style} in colour ${colour}`,
          };
        const hash = String(row[col('hash')]);
        const image = byHash.get(hash);
        if (image)
          media.index({
            hash,
            type: image.type,
            bytes: image.bytes,
            thumbBytes: image.thumbBytes ?? undefined,
          });
        return row;
      },
    }),
  ];
}
