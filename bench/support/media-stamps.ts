/**
 * Page-side timing of the mirror card's picture: on every animation frame (the moment before the
 * frame is painted) it checks the armed garment's card; it stamps the first frame its name is in
 * the DOM and the first frame its large picture is loaded and decoded (`complete` with pixels),
 * on the same wall clock the pty writer uses. Install with `page.addInitScript(mediaStamps)`.
 */
import type { Page } from 'playwright-core';

export const mediaStamps = `
  window.__mediaArmed = null;
  window.__armMedia = (sku, timeoutMs) =>
    new Promise((resolve) => {
      const armed = { sku, resolve, text: null };
      window.__mediaArmed = armed;
      // A picture that never shows is reported as missed, never a bench that waits forever.
      setTimeout(() => {
        if (window.__mediaArmed !== armed) return;
        window.__mediaArmed = null;
        resolve(null);
      }, timeoutMs);
    });
  const frame = () => {
    const armed = window.__mediaArmed;
    if (armed) {
      const at = performance.timeOrigin + performance.now();
      const card = document.querySelector('.product-card[data-sku="' + armed.sku + '"]');
      if (card && armed.text === null && card.querySelector('.product-name')) armed.text = at;
      const img = card && card.querySelector('img.garment-image-screen');
      if (img && img.complete && img.naturalWidth > 0) {
        window.__mediaArmed = null;
        armed.resolve({ text: armed.text, image: at });
      }
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
`;

export interface PictureStamps {
  text: number;
  image: number;
}

/**
 * Arms the watcher for a garment BEFORE its scan; the result resolves when its picture shows, or
 * with null when it has not shown within `timeoutMs`.
 */
export async function armPicture(
  page: Page,
  sku: string,
  timeoutMs = 5_000,
): Promise<() => Promise<PictureStamps | null>> {
  await page.evaluate(
    `void (window.__mediaPending = window.__armMedia(${JSON.stringify(sku)}, ${timeoutMs}))`,
  );
  return async () => (await page.evaluate('window.__mediaPending')) as PictureStamps | null;
}
