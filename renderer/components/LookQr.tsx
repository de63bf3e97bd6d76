import QRCode from 'qrcode';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** One SVG path of the dark modules: drawn by React from the matrix, no HTML injected. */
export function qrPath(text: string): { size: number; d: string } | null {
  try {
    const modules = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
    let d = '';
    for (let row = 0; row < modules.size; row += 1)
      for (let col = 0; col < modules.size; col += 1)
        if (modules.get(row, col)) d += `M${col} ${row}h1v1h-1z`;
    return { size: modules.size, d };
  } catch {
    return null;
  }
}

/** "Take this look to your phone": a QR code of the brand's online page for the garment. */
export function LookQr({ url }: { url: string }) {
  const { t } = useTranslation();
  const qr = useMemo(() => qrPath(url), [url]);
  if (!qr) return null;
  const quiet = 4;
  const box = qr.size + quiet * 2;
  return (
    <figure className="look-qr">
      <svg
        role="img"
        aria-label={t('mirror.lookQr')}
        viewBox={`${-quiet} ${-quiet} ${box} ${box}`}
        width="180"
        height="180"
        shapeRendering="crispEdges"
      >
        <rect x={-quiet} y={-quiet} width={box} height={box} fill="#fff" />
        <path d={qr.d} fill="#000" />
      </svg>
      <figcaption>{t('mirror.lookQr')}</figcaption>
    </figure>
  );
}
