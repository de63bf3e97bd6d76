import { useTranslation } from 'react-i18next';
import type { Screen } from '../store/scan-slice';

/** Calm, specific messages for scans that do not show a product. */
export function ScanMessage({
  screen,
}: {
  screen: Exclude<Screen, { kind: 'attract' } | { kind: 'product' }>;
}) {
  const { t } = useTranslation();
  if (screen.kind === 'not-found') {
    return (
      <section className="scan-message" role="alert">
        <h1>{t('scan.notFound')}</h1>
        <p>{t('scan.notFoundDetail', { code: screen.code })}</p>
      </section>
    );
  }
  if (screen.kind === 'invalid') {
    return (
      <section className="scan-message" role="alert">
        <h1>{t('scan.invalid')}</h1>
      </section>
    );
  }
  return (
    <section className="scan-message" role="status">
      <h1>{t('scan.other', { kind: screen.label })}</h1>
    </section>
  );
}
