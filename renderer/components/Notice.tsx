import { useTranslation } from 'react-i18next';
import type { Notice as NoticeView } from '../../bridge/views';

const calm = new Set<NoticeView['key']>([
  'member-signed-in',
  'member-joined',
  'order-placed',
  'request-sent-offline',
  'member-looking-up',
  'member-lookup-offline',
]);

/** One short message at a time; problems are alerts, good news is a status. */
export function Notice({ notice }: { notice: NoticeView | null }) {
  const { t } = useTranslation();
  if (!notice) return null;
  return (
    <p
      className={`notice ${calm.has(notice.key) ? 'notice-ok' : 'notice-warn'}`}
      role={calm.has(notice.key) ? 'status' : 'alert'}
    >
      {t(`notice.${notice.key}`)}
    </p>
  );
}
