/**
 * Long commands stop cleanly on SIGINT/SIGTERM: the handler only aborts a signal that the work
 * checks between its steps (chunks, batches), so what is committed stays whole and a re-run goes
 * on from there. `release` restores the default (a second signal after it ends the process).
 */
export function stopOnSignals(): { signal: AbortSignal; release(): void } {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return {
    signal: controller.signal,
    release() {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}
