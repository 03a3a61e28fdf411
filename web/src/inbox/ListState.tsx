import { useT } from '../i18n/index.js';

/** What the list shows instead of rows: loading, an error with retry, or a friendly empty state. */
export function ListState(props: {
  loading: boolean;
  error: string | null;
  filtered: boolean;
  onRetry: () => void;
  onReset: () => void;
  /** No channel account is connected yet: say so instead of "Inbox zero". */
  noChannels?: { isAdmin: boolean; onConnect: () => void };
}) {
  const t = useT('inbox');
  if (props.error) {
    return (
      <div className="empty-state" role="alert">
        <p className="big">{t('loadFailed')}</p>
        <p className="muted">{props.error.charAt(0).toUpperCase() + props.error.slice(1)}</p>
        <button type="button" className="primary" onClick={props.onRetry}>
          {t('common:retry')}
        </button>
      </div>
    );
  }
  if (props.loading) {
    return (
      <div className="empty-state" aria-busy="true">
        <p className="muted">{t('loadingConversations')}</p>
      </div>
    );
  }
  if (props.filtered) {
    return (
      <div className="empty-state">
        <p className="big">{t('nothingMatches')}</p>
        <p className="muted">{t('nothingMatchesHelp')}</p>
        <button type="button" onClick={props.onReset}>
          {t('showAll')}
        </button>
      </div>
    );
  }
  if (props.noChannels) {
    return (
      <div className="empty-state">
        <p className="big">{t('noChannels')}</p>
        <p className="muted">{t('noChannelsHelp')}</p>
        {props.noChannels.isAdmin ? (
          <button type="button" className="primary" onClick={props.noChannels.onConnect}>
            {t('connectChannel')}
          </button>
        ) : (
          <p className="muted">{t('askAdmin')}</p>
        )}
      </div>
    );
  }
  return (
    <div className="empty-state">
      <p className="big">
        <span aria-hidden="true">✓ </span>
        {t('inboxZero')}
      </p>
      <p className="muted">{t('inboxZeroHelp')}</p>
    </div>
  );
}
