/**
 * Chart descriptions for ECharts, built from plain arrays. Colours come from one palette with
 * enough contrast on white; values are formatted by the caller for the current language.
 */
import type { EChartsOption } from 'echarts';

export const PALETTE = [
  '#1f5fa8',
  '#c2410c',
  '#0f766e',
  '#7c3aed',
  '#b45309',
  '#be123c',
  '#4d7c0f',
  '#475569',
];

export interface Series {
  name: string;
  data: (number | null)[];
  stack?: string;
  color?: string;
}

const base = (fmt: (v: number) => string): EChartsOption => ({
  color: PALETTE,
  grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
  legend: { top: 0, type: 'scroll' },
  tooltip: {
    trigger: 'axis',
    valueFormatter: (v) => (typeof v === 'number' ? fmt(v) : String(v ?? '—')),
  },
});

export function lineChart(
  x: string[],
  series: Series[],
  fmt: (v: number) => string,
): EChartsOption {
  return {
    ...base(fmt),
    xAxis: { type: 'category', data: x, boundaryGap: false },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt(v) } },
    series: series.map((s) => ({
      type: 'line',
      name: s.name,
      data: s.data,
      showSymbol: x.length < 40,
      smooth: false,
    })),
  };
}

export function barChart(
  x: string[],
  series: Series[],
  fmt: (v: number) => string,
  o: { horizontal?: boolean } = {},
): EChartsOption {
  const category = {
    type: 'category' as const,
    data: x,
    axisLabel: { width: 120, overflow: 'truncate' as const },
  };
  const value = { type: 'value' as const, axisLabel: { formatter: (v: number) => fmt(v) } };
  return {
    ...base(fmt),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: o.horizontal ? value : category,
    yAxis: o.horizontal ? { ...category, inverse: true } : value,
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      data: s.data,
      ...(s.stack ? { stack: s.stack } : {}),
      ...(s.color ? { itemStyle: { color: s.color } } : {}),
    })),
  };
}

/** A matrix (cohorts, segment moves): cells [x index, y index, value]. */
export function heatmap(
  x: string[],
  y: string[],
  cells: [number, number, number][],
  fmt: (v: number) => string,
  names: { x?: string; y?: string } = {},
): EChartsOption {
  const max = Math.max(1e-9, ...cells.map((c) => c[2]));
  return {
    grid: { left: 8, right: 16, top: 8, bottom: 48, containLabel: true },
    tooltip: { formatter: (p: unknown) => tip(p, x, y, fmt) },
    xAxis: {
      type: 'category',
      data: x,
      name: names.x,
      nameLocation: 'middle',
      nameGap: 28,
      splitArea: { show: true },
      axisLabel: { interval: 0, rotate: x.length > 8 ? 30 : 0 },
    },
    yAxis: {
      type: 'category',
      data: y,
      name: names.y,
      splitArea: { show: true },
      axisLabel: { interval: 0 },
    },
    visualMap: {
      min: 0,
      max,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      inRange: { color: ['#eef4fb', '#1f5fa8'] },
      formatter: (v: unknown) => (typeof v === 'number' ? fmt(v) : String(v)),
    },
    series: [
      {
        type: 'heatmap',
        data: cells,
        label: { show: cells.length <= 150, formatter: (p: unknown) => cellLabel(p, fmt) },
      },
    ],
  };
}

function valueOf(p: unknown): number | null {
  if (typeof p !== 'object' || p === null || !('value' in p) || !Array.isArray(p.value))
    return null;
  const v: unknown = p.value[2];
  return typeof v === 'number' ? v : null;
}

function cellLabel(p: unknown, fmt: (v: number) => string): string {
  const v = valueOf(p);
  return v === null ? '' : fmt(v);
}

function tip(p: unknown, x: string[], y: string[], fmt: (v: number) => string): string {
  if (typeof p !== 'object' || p === null || !('value' in p) || !Array.isArray(p.value)) return '';
  const [xi, yi] = p.value;
  const v = valueOf(p);
  return `${y[Number(yi)] ?? ''} · ${x[Number(xi)] ?? ''}: ${v === null ? '—' : fmt(v)}`;
}
