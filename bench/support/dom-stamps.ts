/**
 * Page-side timing for the scan → screen benches, shared so every suite measures the same way:
 * a MutationObserver stamps, on the same wall clock the pty writer uses (`performance.timeOrigin
 * + now`), the first moment each `[data-sku]` element is in the DOM, and resolves waiters for the
 * next moment a given garment's card (its product name) is on screen. Install with
 * `page.addInitScript(domStamps)` before `page.goto`. A string, not a function: the TypeScript
 * loader's helpers do not exist inside the page.
 */
import type { Page } from 'playwright-core';

export const domStamps = `
  window.__seen = {};
  window.__waiters = [];
  new MutationObserver(() => {
    const at = performance.timeOrigin + performance.now();
    for (const el of document.querySelectorAll('[data-sku]')) {
      const sku = el.getAttribute('data-sku');
      if (sku && !(sku in window.__seen)) window.__seen[sku] = at;
    }
    window.__waiters = window.__waiters.filter((w) => {
      if (!document.querySelector(w.selector)) return true;
      w.resolve(at);
      return false;
    });
  }).observe(document, { childList: true, subtree: true });
  window.__cardSeen = (sku) =>
    new Promise((resolve) =>
      window.__waiters.push({ selector: '[data-sku="' + sku + '"] .product-name', resolve }),
    );
`;

/** When each garment was first on screen, by SKU (epoch ms). */
export async function firstSeen(page: Page): Promise<Record<string, number>> {
  return (await page.evaluate('window.__seen')) as Record<string, number>;
}

/**
 * Arms a waiter for the garment's card BEFORE the scan is sent, and returns a function that
 * resolves with the moment the card appeared (epoch ms).
 */
export async function armCardSeen(page: Page, sku: string): Promise<() => Promise<number>> {
  await page.evaluate(`void (window.__pending = window.__cardSeen(${JSON.stringify(sku)}))`);
  return async () => (await page.evaluate('window.__pending')) as number;
}
