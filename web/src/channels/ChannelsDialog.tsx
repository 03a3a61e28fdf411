import { useCallback, useEffect, useRef, useState } from 'react';
import { channelName } from '../components/Badges.js';
import { useT } from '../i18n/index.js';
import { type ChannelAccount, type ChannelType, channelsApi } from './api.js';
import { ChannelForm } from './ChannelForm.js';
import { accentContrast } from './contrast.js';
import { describeChannelError } from './errors.js';

const statusWords: Record<ChannelAccount['status'], string> = {
  active: 'statusActive',
  paused: 'statusPaused',
  broken: 'statusBroken',
};

/**
 * The channel accounts: their status in words (a broken one says why), where to send mail for an
 * email account, the widget tag to copy for a chat account, pause and resume, edit, remove, and,
 * for admins, connecting a new one. A native modal dialog (focus trapped, Esc closes).
 */
export function ChannelsDialog(props: { isAdmin: boolean; onClose: () => void }) {
  const t = useT('channels');
  const ref = useRef<HTMLDialogElement>(null);
  const [accounts, setAccounts] = useState<ChannelAccount[] | null>(null);
  const [types, setTypes] = useState<ChannelType[]>([]);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<ChannelAccount | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [list, kinds] = await Promise.all([channelsApi.list(), channelsApi.types()]);
      setAccounts(list.items);
      setTypes(kinds.items);
    } catch (e) {
      setError(describeChannelError(e));
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
      setError(describeChannelError(e));
    }
  };

  const saved = () => {
    setAdding(false);
    setEditing(null);
    void load();
  };

  return (
    <dialog ref={ref} className="help channels" aria-labelledby="channels-title" onClose={props.onClose}>
      <h2 id="channels-title">{t('title')}</h2>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {accounts === null ? (
        <p className="muted">{t('common:loading')}</p>
      ) : accounts.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        <ul className="channel-list">
          {accounts.map((a) => (
            <li key={a.id} className={`channel-item channel-${a.status}`}>
              <div>
                <strong>{a.name}</strong> <span className="muted">{channelName(a.channel)}</span>
              </div>
              <div className="channel-status" role="status">
                {t(statusWords[a.status])}
                {a.statusMessage ? `: ${a.statusMessage}` : ''}
              </div>
              {a.channel === 'email' ? <MailWhere account={a} /> : null}
              {a.channel === 'chat' && typeof a.settings.widgetKey === 'string' ? (
                <WidgetSnippet
                  widgetKey={a.settings.widgetKey}
                  accent={String(a.settings.accentColor ?? '')}
                />
              ) : null}
              {props.isAdmin && editing?.id === a.id ? (
                <ChannelForm types={types} account={a} onSaved={saved} onCancel={() => setEditing(null)} />
              ) : null}
              {props.isAdmin && editing?.id !== a.id ? (
                <div className="channel-actions">
                  <button
                    type="button"
                    onClick={() => {
                      setAdding(false);
                      setEditing(a);
                    }}
                    aria-label={t('editAccount', { name: a.name })}
                  >
                    {t('common:edit')}
                  </button>
                  <button
                    type="button"
                    onClick={() =>
                      void act(() => channelsApi.setStatus(a.id, a.status === 'paused' ? 'active' : 'paused'))
                    }
                  >
                    {a.status === 'paused' ? t('resume') : t('pause')}
                  </button>
                  <button
                    type="button"
                    className="danger"
                    onClick={() => {
                      if (window.confirm(t('removeConfirm', { name: a.name }))) {
                        void act(() => channelsApi.remove(a.id));
                      }
                    }}
                  >
                    {t('remove')}
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {props.isAdmin ? (
        adding ? (
          <ChannelForm types={types} onSaved={saved} onCancel={() => setAdding(false)} />
        ) : (
          <button
            type="button"
            onClick={() => {
              setEditing(null);
              setAdding(true);
            }}
          >
            {t('connect')}
          </button>
        )
      ) : null}
      <button type="button" className="primary" onClick={() => ref.current?.close()}>
        {t('common:close')}
      </button>
    </dialog>
  );
}

/** Where mail for an email account has to go: this server's listener, or nothing (IMAP is read). */
function MailWhere({ account }: { account: ChannelAccount }) {
  const t = useT('channels');
  const s = account.settings;
  const address = String(s.address ?? '');
  const text =
    s.inbound === 'imap'
      ? t('whereImap', {
          folder: String(s.imapMailbox ?? 'INBOX'),
          user: String(s.imapUser ?? address),
          host: String(s.imapHost ?? ''),
        })
      : t('whereSmtp', {
          address,
          host: window.location.hostname,
          port: String(s.smtpListenPort ?? 2525),
          accepted:
            Array.isArray(s.acceptedRecipients) && s.acceptedRecipients.length
              ? s.acceptedRecipients.join(', ')
              : address,
        });
  return (
    <div className="mail-where">
      <strong>{t('whereTitle')}</strong> <span>{text}</span>
    </div>
  );
}

/** The tag a business pastes into its site to show the chat bubble (text, never HTML), with Copy. */
function WidgetSnippet(props: { widgetKey: string; accent: string }) {
  const t = useT('channels');
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const tag = `<script src="${window.location.origin}/widget.js" data-rapport-widget="${props.widgetKey}" async></script>`;
  const contrast = props.accent ? accentContrast(props.accent) : null;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(tag);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div className="widget-snippet">
      <span className="muted">{t('widgetTitle')}:</span>{' '}
      <span className="muted small">{t('widgetHelp')}</span>
      <code>{tag}</code>
      <div className="channel-actions">
        <button type="button" onClick={() => void copy()}>
          {t('copy')}
        </button>
        <span role="status" className="muted small">
          {copied === 'yes' ? t('copied') : copied === 'failed' ? t('copyFailed') : ''}
        </span>
      </div>
      {contrast && !contrast.passes ? (
        <p className="contrast-warning">
          {t('contrastFails', { colour: props.accent, ratio: contrast.ratio.toFixed(2) })}
        </p>
      ) : null}
    </div>
  );
}
