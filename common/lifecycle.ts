/**
 * Whatever subscribes releases (CONVENTIONS 15, after VS Code's `DisposableStore`): a module puts
 * every unsubscribe function and timer it holds into one store and releases them all on close.
 *
 * Guarantees: `dispose()` runs each release once, newest first, and keeps going when one throws
 * (the first error is rethrown at the end); anything added after `dispose()` is released at once.
 */
export type Release = () => unknown;

export class DisposableStore {
  private readonly releases: Release[] = [];
  private disposed = false;

  /** Keeps `release` until `dispose()`; returns it so a caller can also release it early. */
  add<R extends Release>(release: R): R {
    if (this.disposed) release();
    else this.releases.push(release);
    return release;
  }

  /** An interval that stops with the store (and does not keep the process alive). */
  interval(run: () => void, ms: number): void {
    const timer = setInterval(run, ms);
    timer.unref?.();
    this.add(() => clearInterval(timer));
  }

  /** A one-off timer that is cancelled with the store (and does not keep the process alive). */
  timeout(run: () => void, ms: number): void {
    const timer = setTimeout(run, ms);
    timer.unref?.();
    this.add(() => clearTimeout(timer));
  }

  /** How many releases are held (tests check that a closed module holds none). */
  get size(): number {
    return this.releases.length;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    let first: unknown = null;
    for (const release of this.releases.splice(0).reverse()) {
      try {
        release();
      } catch (error) {
        first ??= error;
      }
    }
    if (first !== null) throw first;
  }
}

/** The listeners of one event: `on` subscribes and returns the release, `fire` calls each once. */
export class Listeners<A extends unknown[] = []> {
  private readonly listeners = new Set<(...args: A) => void>();

  on(listener: (...args: A) => void): Release {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  fire(...args: A): void {
    for (const listener of [...this.listeners]) listener(...args);
  }

  get size(): number {
    return this.listeners.size;
  }
}
