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
  if (props.error) {
    return (
      <div className="empty-state" role="alert">
        <p className="big">Could not load conversations</p>
        <p className="muted">{props.error.charAt(0).toUpperCase() + props.error.slice(1)}</p>
        <button type="button" className="primary" onClick={props.onRetry}>
          Try again
        </button>
      </div>
    );
  }
  if (props.loading) {
    return (
      <div className="empty-state" aria-busy="true">
        <p className="muted">Loading conversations…</p>
      </div>
    );
  }
  if (props.filtered) {
    return (
      <div className="empty-state">
        <p className="big">Nothing matches</p>
        <p className="muted">No conversation fits this view, search or filter.</p>
        <button type="button" onClick={props.onReset}>
          Show all conversations
        </button>
      </div>
    );
  }
  if (props.noChannels) {
    return (
      <div className="empty-state">
        <p className="big">No channels yet</p>
        <p className="muted">
          Connect email, the chat on your website or Bluesky, and your customers' messages arrive here.
        </p>
        {props.noChannels.isAdmin ? (
          <button type="button" className="primary" onClick={props.noChannels.onConnect}>
            Connect a channel
          </button>
        ) : (
          <p className="muted">Ask an admin of your Rapport to connect one.</p>
        )}
      </div>
    );
  }
  return (
    <div className="empty-state">
      <p className="big">
        <span aria-hidden="true">✓ </span>Inbox zero
      </p>
      <p className="muted">Nobody is waiting. New messages appear here as they arrive.</p>
    </div>
  );
}
