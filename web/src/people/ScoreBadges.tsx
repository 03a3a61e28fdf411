import { useT } from '../i18n/index.js';
import type { Person } from './api.js';

/** A person's advocate score and churn-risk flag as words and numbers (never colour alone). */
export function ScoreBadges(props: { scores: Person['scores']; reasons?: boolean }) {
  const t = useT('people');
  const { scores } = props;
  return (
    <>
      {scores.advocateScore > 0 ? (
        <span className="badge advocate" title={t('advocateScoreHelp')}>
          {t('advocateScore', { score: scores.advocateScore })}
        </span>
      ) : null}
      {scores.churnRisk ? (
        <span className="badge at-risk" title={scores.churnReasons.map((r) => t(`churn_${r}`)).join(', ')}>
          <span aria-hidden="true">⚠ </span>
          {t('atRisk')}
          {props.reasons ? `: ${scores.churnReasons.map((r) => t(`churn_${r}`)).join(', ')}` : null}
        </span>
      ) : null}
    </>
  );
}
