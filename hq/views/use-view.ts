/** Loads a view's answer for the current filters; reloads when they change. */
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { api, type ViewRoute } from '../api/client';
import { useHq, useHqStore } from '../state/context';

export type ViewAnswer<S extends z.ZodType> =
  { state: 'loading' } | { state: 'error'; code: string } | { state: 'ready'; data: z.output<S> };

/** `slowDays` is the stock view's own parameter. */
export function useView<S extends z.ZodType>(
  route: ViewRoute<S>,
  slowDays?: number,
): ViewAnswer<S> {
  const filters = useHq((s) => s.filters);
  const store = useHqStore();
  const [answer, setAnswer] = useState<ViewAnswer<S>>({ state: 'loading' });
  useEffect(() => {
    if (!filters) return;
    let gone = false;
    setAnswer({ state: 'loading' });
    const extra: Record<string, string> =
      slowDays === undefined ? {} : { slowDays: String(slowDays) };
    void api.view(route, filters, extra).then((r) => {
      if (gone) return;
      if (r.ok) setAnswer({ state: 'ready', data: r.value });
      else if (r.error.code === 'unauthorized') store.getState().signedOut('expired');
      else setAnswer({ state: 'error', code: r.error.code });
    });
    return () => {
      gone = true;
    };
  }, [route, filters, slowDays, store]);
  return answer;
}
