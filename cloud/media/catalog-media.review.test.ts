/**
 * Review of the cloud's images.csv reader: a symlink out of the folder, a BOM before the header
 * and a missing file, each once read wrong (the linked file loaded, every row's style empty,
 * "is empty" for a file that is not there).
 */
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoStore, tempDir } from '../../test/support/temp';
import { MediaLoadError, readImagesFolder } from './catalog-media';

let tmp: ReturnType<typeof tempDir>;
let folder: string;
const HEADER = 'style_id,color_code,file,alt_zh,alt_en';
beforeEach(() => {
  tmp = tempDir('cloud-images-');
  folder = join(tmp.path, 'store');
  mkdirSync(join(folder, 'images'), { recursive: true });
  copyFileSync(join(demoStore, 'images', 'BAG001-GRY.svg'), join(folder, 'images', 'bag.svg'));
  copyFileSync(join(demoStore, 'images', 'BAG001-GRY.svg'), join(tmp.path, 'outside.svg'));
});
afterEach(() => tmp.remove());

async function refusal(): Promise<string> {
  const error = await readImagesFolder(folder).catch((e: unknown) => e);
  if (!(error instanceof MediaLoadError)) throw new Error('the folder was not refused');
  return error.message;
}

describe('readImagesFolder, reviewed', () => {
  it('refuses a symlink that leads out of the folder', async () => {
    symlinkSync(join(tmp.path, 'outside.svg'), join(folder, 'images', 'link.svg'));
    writeFileSync(join(folder, 'images.csv'), `${HEADER}\nBAG001,GRY,images/link.svg,a,a\n`);
    expect(await refusal()).toMatch(/images\.csv:2 images\/link\.svg is outside the folder/);
  });

  it('says a missing file is missing', async () => {
    writeFileSync(join(folder, 'images.csv'), `${HEADER}\nBAG001,GRY,images/gone.svg,a,a\n`);
    expect(await refusal()).toMatch(/images\.csv:2 images\/gone\.svg is missing/);
  });

  it('reads an images.csv that starts with a BOM and has CRLF lines', async () => {
    writeFileSync(
      join(folder, 'images.csv'),
      `\ufeff${HEADER}\r\nBAG001,GRY,images/bag.svg,包,Bag\r\n`,
    );
    const { refs, blobs } = await readImagesFolder(folder);
    expect(refs).toEqual([expect.objectContaining({ styleId: 'BAG001', colorCode: 'GRY' })]);
    expect(blobs).toHaveLength(1);
  });
});
