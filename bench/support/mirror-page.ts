/**
 * The browser scan benches' set-up: a real mirror kiosk process with a scanner on a pty, and a
 * Chromium page on its screen at the attract screen with the suite's stamping script; all closed
 * again after the suite's body, whatever it throws.
 */
import { chromium, type Page } from 'playwright-core';
import type { TtyWriter } from '../../device/sim/line-writer';
import { startKiosk } from '../../test/support/kiosk-process';
import { tempDir } from '../../test/support/temp';
import { chromiumArgs, chromiumPath } from '../../playwright.config';
import { ptyScanner } from './pty-scanner';

export interface MirrorPageOptions {
  /** The page's script that stamps what the suite measures, run before the screen's own. */
  stamps: string;
  viewport?: { width: number; height: number };
  /** The kiosk's idle timeout, when the suite's visits must outlast the default. */
  idleSeconds?: number;
}

export async function withMirrorPage<T>(
  options: MirrorPageOptions,
  body: (page: Page, writer: TtyWriter) => Promise<T>,
): Promise<T> {
  const dir = tempDir('kiosk-bench-');
  const scanner = await ptyScanner(dir.path);
  const kiosk = await startKiosk({
    storeId: 'S001',
    role: 'mirror',
    ...(options.idleSeconds === undefined ? {} : { idleSeconds: options.idleSeconds }),
    devices: [scanner.device],
  });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const writer = scanner.writer();
  try {
    const page = await browser.newPage(options.viewport ? { viewport: options.viewport } : {});
    await page.addInitScript(options.stamps);
    await page.goto(kiosk.url);
    await page.getByRole('heading', { name: '欢迎光临' }).waitFor();
    return await body(page, writer);
  } finally {
    writer.close();
    await browser.close();
    await kiosk.stop();
    await scanner.pair.close();
    dir.remove();
  }
}
