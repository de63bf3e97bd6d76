/**
 * The k best items by score, best first, without sorting them all: candidates are kept in a buffer
 * of at most 2k that is cut back to the best k whenever it fills, so the cost is O(n log k) where
 * a full sort is O(n log n) — seconds instead of minutes when every member touches thousands of
 * others. Ties keep the earlier item.
 */
export function topK<T>(items: Iterable<T>, k: number, score: (item: T) => number): T[] {
  if (k <= 0) return [];
  let buffer: { item: T; s: number; i: number }[] = [];
  let floor = Number.NEGATIVE_INFINITY;
  const byScore = (a: { s: number; i: number }, b: { s: number; i: number }) =>
    b.s - a.s || a.i - b.i;
  let i = 0;
  for (const item of items) {
    const s = score(item);
    const at = i++;
    // Below the k-th best already kept: it can never make the cut.
    if (s < floor) continue;
    buffer.push({ item, s, i: at });
    if (buffer.length >= 2 * k) {
      buffer = buffer.sort(byScore).slice(0, k);
      floor = buffer[k - 1]?.s ?? floor;
    }
  }
  return buffer
    .sort(byScore)
    .slice(0, k)
    .map((e) => e.item);
}
