/**
 * The rows behind a number: a dialog listing them a page at a time, with their total and a CSV of
 * all of them (up to the export limit). A ratio, an average or a sum opens its figure instead: the
 * rows of each side with their totals and the value recomputed from them. Escape or the close
 * button returns to the page.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useHq, useHqStore } from '../state/context';
import { isFigure } from '../state/drill';
import { FigureView } from './FigureView';
import { RowsList } from './RowsList';

export function RowsDrawer() {
  const { t } = useTranslation();
  const drill = useHq((s) => s.drill);
  const filters = useHq((s) => s.filters);
  if (!drill || !filters) return null;
  return (
    <DrawerFrame
      key={JSON.stringify(drill)}
      title={isFigure(drill) ? t(`figures.names.${drill.figure}`) : t(`rows.kinds.${drill.kind}`)}
    >
      {isFigure(drill) ? <FigureView figure={drill} /> : <RowsList link={drill} />}
    </DrawerFrame>
  );
}

function DrawerFrame(props: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const store = useHqStore();
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeButton.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') store.getState().closeRows();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
  return (
    <div className="drawer-backdrop">
      <div className="drawer" role="dialog" aria-modal="true" aria-labelledby="drawer-title">
        <header className="drawer-head">
          <h2 id="drawer-title">{props.title}</h2>
          <button type="button" ref={closeButton} onClick={() => store.getState().closeRows()}>
            {t('common.close')}
          </button>
        </header>
        {props.children}
      </div>
    </div>
  );
}
