/**
 * Rapport's website chat widget. Embedded with one tag:
 *   <script src="https://rapport.example/widget.js" data-rapport-widget="KEY" async></script>
 * It remembers the visitor with a first-party cookie holding the token the server signed, talks to
 * Rapport over a WebSocket, and draws itself in a shadow root.
 */
import type { ServerFrame, VisitorProfile } from '../../src/channels/chat/protocol.js';
import { Connection } from './connection.js';
import { uuid } from './dom.js';
import { chooseLanguage, wordsFor } from './i18n.js';
import { ChatUi, type PendingMessage } from './ui.js';

const script = (document.currentScript ??
  document.querySelector('script[data-rapport-widget]')) as HTMLScriptElement | null;
const key = script?.dataset.rapportWidget ?? '';
/** The page's own language for the widget (`data-lang="de"`), which wins over the account's setting. */
const pageLanguage = script?.dataset.lang ?? null;
const host = window as unknown as { __rapportChat?: Record<string, true> };
host.__rapportChat ??= {};
const loaded = host.__rapportChat;

function cookieName() {
  return `rapport_chat_${key.replace(/[^A-Za-z0-9_-]/g, '')}`;
}

function readToken(): string | null {
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === cookieName()) return decodeURIComponent(rest.join('='));
  }
  return null;
}

function writeToken(token: string) {
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is not in every browser yet
  document.cookie = `${cookieName()}=${encodeURIComponent(token)}; Max-Age=31536000; Path=/; SameSite=Lax${secure}`;
}

/** The visitor said "Not now" to the email prompt in this browser session: do not ask again. */
const askDismissedKey = `rapport-chat-ask-dismissed-${key}`;

function askDismissed(): boolean {
  try {
    return sessionStorage.getItem(askDismissedKey) === '1';
  } catch {
    return false;
  }
}

function start(src: string) {
  const pending = new Map<string, PendingMessage>();
  let profile: VisitorProfile = { name: null, email: null };
  let greeted = false;

  const url = new URL('/widget/socket', src);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = new URLSearchParams({ key }).toString();

  const flush = () => {
    for (const p of pending.values()) connection.send({ type: 'send', id: p.clientId, text: p.text });
  };

  const language = (account?: Parameters<typeof chooseLanguage>[1]) =>
    chooseLanguage(pageLanguage, account, navigator.languages ?? [navigator.language]);
  let words = wordsFor(language());

  const ui = new ChatUi(
    {
      send(text) {
        const p = { clientId: uuid(), text, at: Date.now() };
        pending.set(p.clientId, p);
        ui.addPending(p);
        connection.send({ type: 'send', id: p.clientId, text });
      },
      saveProfile(name, email) {
        connection.send({ type: 'profile', name, email });
      },
      dismissAsk() {
        try {
          sessionStorage.setItem(askDismissedKey, '1');
        } catch {
          // storage may be blocked: the prompt may come back on the next page
        }
      },
    },
    words,
  );

  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  const onFrame = (frame: ServerFrame) => {
    switch (frame.type) {
      case 'welcome': {
        writeToken(frame.token);
        profile = frame.visitor;
        if (language(frame.widget.language) !== words.language) {
          words = wordsFor(language(frame.widget.language));
          ui.setWords(words);
        }
        for (const m of frame.messages) if (m.clientId) pending.delete(m.clientId);
        if (!greeted) {
          let open = false;
          try {
            open = sessionStorage.getItem('rapport-chat-open') === '1';
          } catch {
            open = false;
          }
          ui.ready(frame.widget, open);
        }
        greeted = true;
        ui.renderAll(frame.messages, [...pending.values()]);
        flush();
        break;
      }
      case 'ack':
        pending.delete(frame.id);
        ui.upsert(frame.message);
        break;
      case 'message':
        if (frame.message.clientId) pending.delete(frame.message.clientId);
        ui.upsert(frame.message);
        break;
      case 'ask_email':
        if (!profile.email && !askDismissed()) ui.showAsk(true, profile);
        break;
      case 'profile':
        profile = frame.visitor;
        ui.showAsk(false);
        ui.showNote(profile.email ? words.t('thanksEmail', { email: profile.email }) : null);
        break;
      case 'error':
        if (frame.id && frame.code === 'rate_limited') {
          // one retry timer for all pending messages, however many were refused
          if (retryTimer === null) {
            retryTimer = setTimeout(() => {
              retryTimer = null;
              flush();
            }, 10_000);
          }
        } else if (frame.id) {
          pending.delete(frame.id);
          ui.markFailed(frame.id, words.error(frame.code, frame.message));
        }
        ui.showNote(words.error(frame.code, frame.message));
        break;
    }
  };

  const connection = new Connection(
    url.toString(),
    () => ({ type: 'hello', token: readToken(), page: location.href }),
    { frame: onFrame, online: (up) => ui.online(up) },
  );
  ui.mount();
  connection.start();
}

if (!script || !key) {
  console.warn('[rapport] the chat widget needs <script src=".../widget.js" data-rapport-widget="KEY">');
} else if (!loaded[key]) {
  loaded[key] = true;
  const src = script.src;
  if (document.body) start(src);
  else document.addEventListener('DOMContentLoaded', () => start(src));
}
