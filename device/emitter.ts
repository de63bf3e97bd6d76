/** A small typed event emitter: listener errors are isolated so one bad subscriber stops nothing. */
export type Listener<A extends unknown[]> = (...args: A) => void;

export class Emitter<E extends Record<string, unknown[]>> {
  private readonly listeners = new Map<keyof E, Set<(...args: never[]) => void>>();

  on<K extends keyof E>(event: K, listener: Listener<E[K]>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as unknown as (...args: never[]) => void);
    return () => set.delete(listener as unknown as (...args: never[]) => void);
  }

  protected emit<K extends keyof E>(event: K, ...args: E[K]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        (listener as unknown as Listener<E[K]>)(...args);
      } catch {
        // A subscriber's failure is its own; the device keeps reading.
      }
    }
  }
}
