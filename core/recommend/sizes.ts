/** Sizes in wearing order: letter sizes XXS…XXXL, then numeric sizes by number, then the rest. */

const SIZE_ORDER = ['XXS', 'XS', 'S', 'M', 'L', 'XL', 'XXL', 'XXXL'];

export function compareSizes(a: string, b: string): number {
  const rank = (size: string): [number, number, string] => {
    const letter = SIZE_ORDER.indexOf(size.toUpperCase());
    if (letter >= 0) return [0, letter, ''];
    const number = Number(size);
    if (size.trim() !== '' && Number.isFinite(number)) return [1, number, ''];
    return [2, 0, size];
  };
  const [ga, na, ta] = rank(a);
  const [gb, nb, tb] = rank(b);
  return ga - gb || na - nb || (ta < tb ? -1 : ta > tb ? 1 : 0);
}

/** The distinct sizes, in wearing order. */
export function inWearingOrder(sizes: Iterable<string>): string[] {
  return [...new Set(sizes)].sort(compareSizes);
}
