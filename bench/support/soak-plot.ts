/** An SVG line chart of soak samples (RSS and JS heap in MB over minutes), drawn by hand. */
export interface PlotSeries {
  label: string;
  color: string;
  dashed?: boolean;
  points: Array<[number, number]>;
}

const W = 900;
const H = 420;
const pad = { left: 64, right: 220, top: 40, bottom: 48 };

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(value));
  return Math.ceil(value / step) * step;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function lineChartSvg(
  title: string,
  xLabel: string,
  yLabel: string,
  series: PlotSeries[],
): string {
  const xs = series.flatMap((s) => s.points.map(([x]) => x));
  const ys = series.flatMap((s) => s.points.map(([, y]) => y));
  const xMax = niceMax(Math.max(1, ...xs));
  const yMax = niceMax(Math.max(1, ...ys));
  const plotW = W - pad.left - pad.right;
  const plotH = H - pad.top - pad.bottom;
  const px = (x: number) => pad.left + (x / xMax) * plotW;
  const py = (y: number) => pad.top + plotH - (y / yMax) * plotH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${pad.left}" y="22" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
  ];
  for (let i = 0; i <= 5; i++) {
    const y = (yMax * i) / 5;
    parts.push(
      `<line x1="${pad.left}" x2="${pad.left + plotW}" y1="${py(y)}" y2="${py(y)}" stroke="#ddd"/>`,
      `<text x="${pad.left - 6}" y="${py(y) + 4}" text-anchor="end">${Math.round(y)}</text>`,
    );
    const x = (xMax * i) / 5;
    parts.push(
      `<text x="${px(x)}" y="${pad.top + plotH + 18}" text-anchor="middle">${Math.round(x * 10) / 10}</text>`,
    );
  }
  parts.push(
    `<text x="${pad.left + plotW / 2}" y="${H - 10}" text-anchor="middle">${escapeXml(xLabel)}</text>`,
    `<text transform="translate(16 ${pad.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(yLabel)}</text>`,
    `<rect x="${pad.left}" y="${pad.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#888"/>`,
  );
  series.forEach((s, i) => {
    const d = s.points.map(
      ([x, y], j) => `${j ? 'L' : 'M'}${px(x).toFixed(1)},${py(y).toFixed(1)}`,
    );
    parts.push(
      `<path d="${d.join('')}" fill="none" stroke="${s.color}" stroke-width="1.8"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
      `<line x1="${W - pad.right + 16}" x2="${W - pad.right + 44}" y1="${pad.top + 14 + i * 22}" y2="${pad.top + 14 + i * 22}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
      `<text x="${W - pad.right + 50}" y="${pad.top + 18 + i * 22}">${escapeXml(s.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
