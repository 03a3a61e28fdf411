import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.js';
import { AddChannelForm } from './AddChannelForm.js';
import { type ChannelAccount, type ChannelType, channelsApi } from './api.js';

const statusWords: Record<ChannelAccount['status'], string> = {
  active: 'Working',
  paused: 'Paused',
  broken: 'Needs attention',
};

/**
 * The channel accounts: their status in words (a broken one says why), pause and resume, remove,
 * and, for admins, connecting a new one. A native modal dialog (focus trapped, Esc closes).
 */
export function ChannelsDialog(props: { isAdmin: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [accounts, setAccounts] = useState<ChannelAccount[] | null>(null);
  const [types, setTypes] = useState<ChannelType[]>([]);
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [list, kinds] = await Promise.all([channelsApi.list(), channelsApi.types()]);
      setAccounts(list.items);
      setTypes(kinds.items);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }, []);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    void load();
  }, [load]);

  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      await load();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <dialog ref={ref} className="help channels" aria-labelledby="channels-title" onClose={props.onClose}>
      <h2 id="channels-title">Channels</h2>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {accounts === null ? (
        <p className="muted">Loading…</p>
      ) : accounts.length === 0 ? (
        <p className="muted">No channel accounts are connected yet.</p>
      ) : (
        <ul className="channel-list">
          {accounts.map((a) => (
            <li key={a.id} className={`channel-item channel-${a.status}`}>
              <div>
                <strong>{a.name}</strong> <span className="muted">{a.channel}</span>
              </div>
              <div className="channel-status" role="status">
                {statusWords[a.status]}
                {a.statusMessage ? `: ${a.statusMessage}` : ''}
              </div>
              {a.channel === 'chat' && typeof a.settings.widgetKey === 'string' ? (
                <WidgetSnippet widgetKey={a.settings.widgetKey} />
              ) : null}
              {props.isAdmin ? (
                <div className="channel-actions">
                  <button
                    type="button"
                    onClick={() =>
                      void act(() => channelsApi.setStatus(a.id, a.status === 'paused' ? 'active' : 'paused'))
                    }
                  >
                    {a.status === 'paused' ? 'Resume' : 'Pause'}
                  </button>
                  <button
                    type="button"
                    className="danger"
                    onClick={() => {
                      if (window.confirm(`Remove ${a.name}? Its conversations stay in the inbox.`)) {
                        void act(() => channelsApi.remove(a.id));
                      }
                    }}
                  >
                    Remove
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {props.isAdmin ? (
        adding ? (
          <AddChannelForm
            types={types}
            onAdded={() => {
              setAdding(false);
              void load();
            }}
          />
        ) : (
          <button type="button" onClick={() => setAdding(true)}>
            Connect a channel…
          </button>
        )
      ) : null}
      <button type="button" className="primary" onClick={() => ref.current?.close()}>
        Close
      </button>
    </dialog>
  );
}

/** The tag a business pastes into its site to show the chat bubble (text, never HTML). */
function WidgetSnippet(props: { widgetKey: string }) {
  const tag = `<script src="${window.location.origin}/widget.js" data-rapport-widget="${props.widgetKey}" async></script>`;
  return (
    <div className="widget-snippet">
      <span className="muted">Add to your site:</span>
      <code>{tag}</code>
    </div>
  );
}
