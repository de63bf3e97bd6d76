import { useTranslation } from 'react-i18next';
import type { MemberBadge as MemberBadgeView } from '../../bridge/views';
import { useAppState } from '../store/context';

export function MemberBadge({ member }: { member: MemberBadgeView }) {
  const { t } = useTranslation();
  const language = useAppState((state) => state.language);
  return (
    <span className="member-badge">
      {t('member.signedIn', {
        name: member.displayName,
        tier: language === 'en' ? member.tierName.en : member.tierName.zh,
        points: member.points,
      })}
    </span>
  );
}
