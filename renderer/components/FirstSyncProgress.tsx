import { useTranslation } from 'react-i18next';
import type { SyncStatusView } from '../../bridge/areas/sync';
import { useAppState } from '../store/context';

type FirstSync = NonNullable<SyncStatusView['firstSync']>;

const STREAMS = ['catalog', 'prices', 'stock', 'members', 'coupons', 'config', 'requests'];

/** A first sync in the staff console: a bar, how many rows of how many, the rate, the time left. */
export function FirstSyncProgress({ progress }: { progress: FirstSync }) {
  const { t } = useTranslation();
  const language = useAppState((state) => state.language);
  const number = (n: number) => Math.round(n).toLocaleString(language);
  const stream = STREAMS.includes(progress.stream)
    ? t(`desk.streams.${progress.stream}`)
    : progress.stream;
  const { total, done, ratePerSecond, etaSeconds } = progress;
  const percent = total ? Math.min(100, Math.floor((100 * done) / total)) : null;
  const left = (seconds: number) => {
    const s = Math.max(1, Math.round(seconds));
    return s >= 60
      ? t('desk.minutesSeconds', { minutes: Math.floor(s / 60), seconds: s % 60 })
      : t('desk.seconds', { seconds: s });
  };
  const parts = [
    total !== null
      ? t('desk.firstSync', { stream, percent, done: number(done), total: number(total) })
      : t('desk.firstSyncUnknownTotal', { stream, done: number(done) }),
    ratePerSecond !== null ? t('desk.firstSyncRate', { rate: number(ratePerSecond) }) : null,
    etaSeconds !== null ? t('desk.firstSyncLeft', { left: left(etaSeconds) }) : null,
  ].filter((part) => part !== null);
  return (
    <div className="first-sync">
      <progress
        max={total ?? undefined}
        value={total !== null ? Math.min(done, total) : undefined}
        aria-label={parts[0]}
      />
      <p>{parts.join(' · ')}</p>
    </div>
  );
}
