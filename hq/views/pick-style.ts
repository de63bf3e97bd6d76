/** Picking a style in a chart or table narrows the current view to it (the route keeps the rest). */
import { useHq } from '../state/context';
import { routeHash } from '../state/route';

export function usePickStyle(): (style: string) => void {
  const view = useHq((s) => s.view);
  const filters = useHq((s) => s.filters);
  return (style) => {
    if (filters) window.location.hash = routeHash(view, { ...filters, style });
  };
}
