import { barsOf, code128B } from './code128';

/** The slip id as a Code 128 barcode, for counters whose scanners read only 1D codes. */
export function SlipBarcode({ code }: { code: string }) {
  const widths = code128B(code);
  if (!widths) return null;
  const quiet = 10;
  const total = widths.reduce((a, b) => a + b, 0) + quiet * 2;
  return (
    <svg
      className="slip-barcode"
      role="img"
      aria-label={code}
      viewBox={`0 0 ${total} 40`}
      width={total * 3}
      height="120"
      shapeRendering="crispEdges"
      preserveAspectRatio="none"
    >
      <rect width={total} height="40" fill="#fff" />
      {barsOf(widths).map(([x, w]) => (
        <rect key={x} x={x + quiet} width={w} height="40" fill="#000" />
      ))}
    </svg>
  );
}
