/**
 * One ECharts canvas. The chart is described to screen readers by `label`; its card's table view
 * is the accessible (and exportable) form of the same numbers. A click on a bar or point calls
 * `onPick` with its series and data index, which the card turns into a drill-down. ECharts loads
 * with the first chart, after the page has painted.
 */
import type { EChartsOption } from 'echarts';
import { useEffect, useRef } from 'react';

interface Chart {
  setOption(o: EChartsOption, notMerge: boolean): void;
  resize(): void;
  dispose(): void;
}

export function EChart(props: {
  option: EChartsOption;
  label: string;
  height?: number;
  onPick?: (seriesIndex: number, dataIndex: number) => void;
}) {
  const { option, label, height = 300, onPick } = props;
  const box = useRef<HTMLDivElement>(null);
  const ready = useRef<Promise<Chart | null> | null>(null);
  const pick = useRef(onPick);
  useEffect(() => {
    pick.current = onPick;
  }, [onPick]);

  useEffect(
    () => () => {
      void ready.current?.then((c) => c?.dispose());
      ready.current = null;
    },
    [],
  );

  useEffect(() => {
    ready.current ??= import('../charts/echarts').then(({ echarts }) => {
      const el = box.current;
      if (!el) return null;
      const c = echarts.init(el, undefined, { renderer: 'canvas' });
      c.on('click', (p: { seriesIndex?: number; dataIndex?: number }) => {
        if (p.seriesIndex !== undefined && p.dataIndex !== undefined)
          pick.current?.(p.seriesIndex, p.dataIndex);
      });
      new ResizeObserver(() => c.resize()).observe(el);
      return c;
    });
    let gone = false;
    void ready.current.then((c) => {
      if (gone || !c) return;
      c.setOption({ aria: { enabled: false }, animation: false, ...option }, true);
      box.current?.setAttribute('data-ready', 'true');
    });
    return () => {
      gone = true;
    };
  }, [option]);

  return <div ref={box} className="chart" role="img" aria-label={label} style={{ height }} />;
}
