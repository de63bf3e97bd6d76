/**
 * The moment a kiosk screen is interactive: the attract screen shows the store name, which arrives
 * over the bridge (`app.info`), so the page is painted, the WebSocket is up and the host answered.
 * Strings, not functions: the TypeScript loader's helpers do not exist inside the page.
 */
export const stampInteractive = `
  window.__interactiveAt = null;
  new MutationObserver((_, observer) => {
    if (!document.querySelector('.attract-store')) return;
    window.__interactiveAt = performance.now();
    observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
`;

/** Evaluates to the page's first contentful paint and interactive moments (ms since navigation). */
export const readTimes = `({
  firstPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
  interactive: window.__interactiveAt,
})`;

export interface PageTimes {
  firstPaint: number | null;
  interactive: number | null;
}
