/**
 * Style persona: a member's taste as the share of their interest each style tag carries, and how
 * well a style's tags match it (the mean share of its tags). Added to the blend on its own, never
 * multiplied by popularity, so a style that fits the member but is not a bestseller still scores.
 */

export class Taste {
  private readonly byTag = new Map<string, number>();
  private total = 0;

  /** Adds `weight` of interest in a style carrying `tags` (spread evenly over them). */
  add(tags: readonly string[], weight: number): void {
    if (tags.length === 0) return;
    for (const tag of tags) this.byTag.set(tag, (this.byTag.get(tag) ?? 0) + weight / tags.length);
    this.total += weight;
  }

  /** The match of a style's tags, in [0, 1], and the member's favourite tag among them. */
  match(tags: readonly string[]): { score: number; tag: string } {
    let score = 0;
    let tag = '';
    let best = 0;
    for (const t of tags) {
      const share = this.total > 0 ? (this.byTag.get(t) ?? 0) / this.total : 0;
      score += share / tags.length;
      if (share > best) {
        best = share;
        tag = t;
      }
    }
    return { score, tag };
  }

  /** The member's `n` strongest tags. */
  favourites(n: number): string[] {
    return [...this.byTag.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([tag]) => tag);
  }
}
