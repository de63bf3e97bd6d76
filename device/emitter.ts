/** A small typed event emitter: listener errors are isolated so one bad subscriber stops nothing. */
export type Listener<A extends unknown[]> = (...args: A) => void;

export class Emitter<E extends Record<string, unknown[]>> {
  private readonly listeners: { [K in keyof E]?: Set<Listener<E[K]>> } = {};

  on<K extends keyof E>(event: K, listener: Listener<E[K]>): () => void {
    const set = this.listeners[event] ?? new Set<Listener<E[K]>>();
    this.listeners[event] = set;
    set.add(listener);
    return () => set.delete(listener);
  }

  /** How many listeners `event` has (to check that a subscriber released what it took). */
  listenerCount(event: keyof E): number {
    return this.listeners[event]?.size ?? 0;
  }

  protected emit<K extends keyof E>(event: K, ...args: E[K]): void {
    for (const listener of this.listeners[event] ?? []) {
      try {
        listener(...args);
      } catch {
        // A subscriber's failure is its own; the device keeps reading.
      }
    }
  }
}
