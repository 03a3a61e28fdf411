import {
  type KeyboardEvent,
  type RefObject,
  useEffect,
  useId,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import type { User } from '../api/types.js';
import { Icon } from '../components/Icon.js';
import { useT } from '../i18n/index.js';
import {
  type ReplyCheckContext,
  ReplyFindings,
  SendBlocked,
  type ShuntReason,
  useReplyCheck,
} from './ReplyFindings.js';
import { ReplyNotices, SlashMenu } from './SlashMenu.js';
import type { ReplyExtras, SendOutcome } from './useConversation.js';
import { useSlashReplies } from './useSlashReplies.js';

/** What the conversation view can ask of the composer (keyboard shortcuts r and n). */
export interface ComposerHandle {
  focus: (mode: 'reply' | 'note') => void;
}

type Mode = 'reply' | 'note';

/** Drafts survive switching conversations (kept in memory for this tab). */
const drafts = new Map<string, string>();

function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)@([^\s@]{0,30})$/u.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]!.toLowerCase() };
}

/**
 * Reply to the customer or write a private note (with @mention suggestions of teammates).
 * Ctrl/Cmd+Enter sends; the text is kept as a draft until it is accepted.
 */
export function Composer(props: {
  conversationId: number;
  users: User[];
  handle: RefObject<ComposerHandle | null>;
  onSendReply: (text: string, extras?: ReplyExtras) => Promise<SendOutcome>;
  /** The conversation as the check before sending sees it (ReplyFindings.tsx). */
  checkContext?: ReplyCheckContext;
  onSendNote: (text: string) => Promise<boolean>;
  onReplying: (replying: boolean) => void;
}) {
  const t = useT('conversation');
  const [mode, setMode] = useState<Mode>('reply');
  const key = `${props.conversationId}:${mode}`;
  const [text, setText] = useState(() => drafts.get(key) ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [mention, setMention] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const areaRef = useRef<HTMLTextAreaElement>(null);
  const pendingCaret = useRef<number | null>(null);
  const id = useId();
  const { onReplying } = props;
  const tr = useT('replies');
  const [notice, setNotice] = useState<string | null>(null);
  const slash = useSlashReplies({
    conversationId: props.conversationId,
    enabled: mode === 'reply',
    areaRef,
    text,
    replace: (value, caret) => {
      update(value, caret);
      pendingCaret.current = caret;
    },
  });
  const check = useReplyCheck(mode === 'reply' ? text : '', props.checkContext);
  const blocked = mode === 'reply' && check.blocking.length > 0;

  useImperativeHandle(props.handle, () => ({
    focus: (next: Mode) => {
      if (next !== mode) switchMode(next);
      requestAnimationFrame(() => areaRef.current?.focus());
    },
  }));

  const switchMode = (next: Mode) => {
    drafts.set(key, text);
    setMode(next);
    setText(drafts.get(`${props.conversationId}:${next}`) ?? '');
    setMention(null);
    setError(null);
  };

  useEffect(() => {
    onReplying(mode === 'reply' && text.trim().length > 0);
  }, [mode, text, onReplying]);

  const suggestions = mention
    ? props.users
        .filter((u) => u.name.toLowerCase().startsWith(mention.query) || u.email.startsWith(mention.query))
        .slice(0, 6)
    : [];

  const update = (value: string, caret: number) => {
    setText(value);
    drafts.set(key, value);
    setMention(mode === 'note' ? mentionAt(value, caret) : null);
    setActive(0);
    slash.onInput(value, caret);
  };

  const pick = (user: User) => {
    if (!mention) return;
    const area = areaRef.current;
    const caret = area?.selectionStart ?? text.length;
    const insert = `@${user.name} `;
    const value = text.slice(0, mention.start) + insert + text.slice(caret);
    update(value, mention.start + insert.length);
    setMention(null);
    // placed right after React commits the new value, before the next keystroke is handled
    pendingCaret.current = mention.start + insert.length;
  };

  useLayoutEffect(() => {
    const caret = pendingCaret.current;
    if (caret === null || !areaRef.current) return;
    pendingCaret.current = null;
    areaRef.current.focus();
    areaRef.current.setSelectionRange(caret, caret);
  });

  const send = async () => {
    const body = text.trim();
    if (!body || busy || blocked) return;
    if (mode === 'reply' && slash.formLetterRisk) {
      setError(`${tr('formLetter', { message: tr('usedToday') })} ${tr('personalise')}`);
      return;
    }
    setBusy(true);
    setError(null);
    if (mode === 'reply') {
      // the thread shows the reply as sending/failed (with retry), so the box is freed at once
      setText('');
      drafts.delete(key);
      setBusy(false);
      const outcome = await props.onSendReply(body, {
        template: slash.attachment(),
        shuntReason: check.reason ?? undefined,
      });
      check.setReason(null);
      if (typeof outcome === 'object') {
        // refused as a form letter (or a variable left unfilled): back in the box, to personalise
        update(body, body.length);
        setError(`${tr('formLetter', { message: outcome.message })} ${tr('personalise')}`);
      } else slash.reset();
      setNotice(outcome === 'held' ? tr('held') : null);
      return;
    }
    const ok = await props.onSendNote(body);
    setBusy(false);
    if (ok) {
      setText('');
      drafts.delete(key);
    } else setError(t('noteNotSaved'));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (slash.onKeyDown(event)) return;
    if (suggestions.length) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((a) => (a + step + suggestions.length) % suggestions.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        pick(suggestions[active] ?? suggestions[0]!);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setMention(null);
        return;
      }
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  };

  const label = mode === 'reply' ? t('replyLabel') : t('noteLabel');
  return (
    <div className={`composer composer-${mode}`}>
      <fieldset className="composer-tabs">
        <legend className="sr-only">{t('messageType')}</legend>
        <button type="button" aria-pressed={mode === 'reply'} onClick={() => switchMode('reply')}>
          {t('reply')} <kbd className="hint single">r</kbd>
        </button>
        <button type="button" aria-pressed={mode === 'note'} onClick={() => switchMode('note')}>
          <Icon name="lock" /> {t('note')} <kbd className="hint single">n</kbd>
        </button>
      </fieldset>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <textarea
        id={id}
        ref={areaRef}
        dir="auto"
        rows={3}
        value={text}
        placeholder={mode === 'reply' ? t('replyPlaceholder') : t('notePlaceholder')}
        onChange={(e) => update(e.target.value, e.target.selectionStart)}
        onKeyDown={onKeyDown}
        aria-autocomplete={mode === 'note' ? 'list' : undefined}
        aria-controls={suggestions.length ? `${id}-mentions` : undefined}
        aria-activedescendant={suggestions.length ? `${id}-m${active}` : undefined}
        {...slash.ariaProps}
      />
      <SlashMenu slash={slash} />
      {suggestions.length ? (
        <div id={`${id}-mentions`} className="mentions" role="listbox" aria-label={t('mention')}>
          {suggestions.map((u, i) => (
            <div
              key={u.id}
              id={`${id}-m${i}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(u);
              }}
            >
              {u.name} <span className="muted">{u.email}</span>
            </div>
          ))}
        </div>
      ) : null}
      {mode === 'reply' ? <ReplyFindings check={check} /> : null}
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
      {mode === 'reply' ? (
        <ReplyNotices
          slash={slash}
          notice={notice}
          onSign={(signature) =>
            update(`${text.trimEnd()}\n${signature}`, text.length + signature.length + 1)
          }
        />
      ) : null}
      <div className="composer-bar">
        <span className="muted small">{mode === 'reply' ? t('sentToCustomer') : t('teamOnly')}</span>
        <button
          type="button"
          className="primary"
          disabled={busy || !text.trim() || blocked}
          onClick={() => void send()}
        >
          {mode === 'reply' ? t('sendReply') : t('addNote')}
          {mode === 'reply' ? <SendBlocked check={check} /> : null}
        </button>
      </div>
    </div>
  );
}
