import { useTranslation } from 'react-i18next';
import type { FitAdviceView } from '../../bridge/views';

/**
 * The mirror card's size advice: runs small / large and the size members of the shopper's usual
 * size kept, each with the counts it rests on. Nothing when the brand's data is not sure.
 */
export function FitAdvice({ fit }: { fit: FitAdviceView | null | undefined }) {
  const { t } = useTranslation();
  if (!fit || (!fit.verdict && !fit.kept)) return null;
  return (
    <section className="fit-advice" aria-labelledby="fit-advice-title" data-fit={fit.verdict ?? ''}>
      <h2 id="fit-advice-title">{t('fit.title')}</h2>
      <ul>
        {fit.verdict && (
          <li>
            {t(`fit.${fit.verdict}`, {
              reasons: fit.reasons,
              tooSmall: fit.tooSmall,
              tooBig: fit.tooBig,
            })}
          </li>
        )}
        {fit.kept && (
          <li>
            {t(fit.usualFrom === 'member' ? 'fit.keptMember' : 'fit.keptTried', { ...fit.kept })}
          </li>
        )}
      </ul>
    </section>
  );
}
