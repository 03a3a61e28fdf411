import type { VisitorProfile, WidgetAppearance, WidgetMessage } from '../../src/channels/chat/protocol.js';
import { chatIcon, h, textWithLinks } from './dom.js';
import type { Words } from './i18n.js';
import { widgetCss } from './styles.js';

/** What the visitor does in the widget. */
export interface UiHandlers {
  send(text: string): void;
  saveProfile(name: string, email: string): void;
  /** The visitor said "Not now" to the email prompt. */
  dismissAsk(): void;
}

/** A message typed by the visitor that the server has not acknowledged yet. */
export interface PendingMessage {
  clientId: string;
  text: string;
  at: number;
}

/**
 * The widget's view, in a shadow root of its own: a bubble that opens a chat panel with the
 * conversation, a composer and a form for name and email. Knows nothing about the connection.
 */
export class ChatUi {
  private readonly host = h('div', { 'data-rapport-chat': '' });
  private readonly root = this.host.attachShadow({ mode: 'open' });
  private readonly badge = h('span', { class: 'badge', hidden: true });
  private readonly bubble = h('button', { class: 'bubble', type: 'button' });
  private readonly title = h('h2');
  private readonly log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite' });
  private readonly greeting = h('div', { class: 'msg agent greeting' });
  private readonly status = h('div', { class: 'status', role: 'status', hidden: true });
  private readonly note = h('div', { class: 'note', role: 'status', hidden: true });
  private readonly nameInput = h('input', {
    type: 'text',
    name: 'name',
    autocomplete: 'name',
    maxlength: '100',
  });
  private readonly emailInput = h('input', {
    type: 'email',
    name: 'email',
    autocomplete: 'email',
    required: true,
  });
  private readonly ask: HTMLFormElement;
  private readonly askLine = h('p');
  private readonly textarea = h('textarea', { rows: '1', maxlength: '4000' });
  /** Every element whose words come from the language files, with the key that names them. */
  private readonly labelled: Array<{ el: HTMLElement; key: string; attr?: string }> = [];
  private look: WidgetAppearance | null = null;
  private readonly panel: HTMLElement;
  private readonly rows = new Map<string, HTMLElement>();
  private unread = 0;
  /** The prompt was shown because nobody answered (not opened by the visitor): an answer ends it. */
  private askedByServer = false;

  constructor(
    private readonly handlers: UiHandlers,
    private words: Words,
  ) {
    const say = <E extends HTMLElement>(el: E, key: string, attr?: string): E => {
      this.labelled.push({ el, key, ...(attr ? { attr } : {}) });
      return el;
    };
    const closeButton = say(h('button', { type: 'button' }, '×'), 'closeChat', 'aria-label');
    const emailButton = say(
      say(h('button', { type: 'button' }, '✉'), 'leaveEmail', 'aria-label'),
      'leaveEmail',
      'title',
    );
    const nameLabel = say(h('span'), 'nameOptional');
    const emailLabel = say(h('span'), 'email');
    this.ask = say(
      h(
        'form',
        { class: 'ask', hidden: true },
        say(this.askLine, 'noOneFree'),
        say(h('p'), 'leaveEmailWhy'),
        h('label', {}, nameLabel, this.nameInput),
        h('label', {}, emailLabel, this.emailInput),
        h(
          'div',
          { class: 'row' },
          say(h('button', { type: 'button', class: 'secondary', 'data-action': 'dismiss' }), 'notNow'),
          say(h('button', { type: 'submit', class: 'primary' }), 'save'),
        ),
      ),
      'leaveEmail',
      'aria-label',
    );
    say(this.status, 'reconnecting');
    say(this.textarea, 'typeMessage', 'aria-label');
    const compose = h(
      'form',
      { class: 'compose' },
      this.textarea,
      say(h('button', { type: 'submit', class: 'primary' }), 'send'),
    );
    this.panel = h(
      'section',
      { class: 'panel', role: 'dialog', hidden: true },
      h('header', { class: 'head' }, this.title, emailButton, closeButton),
      this.status,
      this.log,
      this.note,
      this.ask,
      compose,
    );
    this.bubble.append(chatIcon(), this.badge);
    this.log.append(this.greeting);
    this.host.hidden = true;
    this.relabel();

    this.bubble.addEventListener('click', () => this.toggle(!this.isOpen));
    closeButton.addEventListener('click', () => this.toggle(false));
    emailButton.addEventListener('click', () => this.showAsk(true, undefined, false));
    this.panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.toggle(false);
    });
    compose.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
    this.textarea.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.submit();
      }
    });
    this.ask.addEventListener('submit', (e) => {
      e.preventDefault();
      this.handlers.saveProfile(this.nameInput.value.trim(), this.emailInput.value.trim());
    });
    this.ask.querySelector('[data-action="dismiss"]')?.addEventListener('click', () => {
      this.showAsk(false);
      this.handlers.dismissAsk();
    });
  }

  /** Puts the (still hidden) widget on the page, with its styles. */
  mount(): void {
    if ('adoptedStyleSheets' in this.root && typeof CSSStyleSheet === 'function') {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(widgetCss);
      this.root.adoptedStyleSheets = [sheet];
    } else {
      this.root.append(h('style', {}, widgetCss));
    }
    this.root.append(this.panel, this.bubble);
    document.body.append(this.host);
  }

  /** Speaks another language from now on (every visible word changes at once). */
  setWords(words: Words): void {
    this.words = words;
    this.relabel();
  }

  /** Shows the bubble, dressed in the account's name, greeting and colour. */
  ready(look: WidgetAppearance, open: boolean): void {
    this.look = look;
    this.relabel();
    if (/^#[0-9a-f]{6}$/i.test(look.accentColor)) this.host.style.setProperty('--accent', look.accentColor);
    this.host.hidden = false;
    if (open) this.toggle(true);
  }

  /** Whether the panel is open. */
  get isOpen(): boolean {
    return !this.panel.hidden;
  }

  /** Replaces the conversation (on every welcome: the server's copy is the truth). */
  renderAll(messages: WidgetMessage[], pending: PendingMessage[]): void {
    for (const row of this.rows.values()) row.remove();
    this.rows.clear();
    for (const m of messages) this.upsert(m, false);
    for (const p of pending) this.addPending(p);
  }

  /** Shows a stored message, replacing its pending copy; agent replies count as unread when closed. */
  upsert(m: WidgetMessage, live = true): void {
    const pending = m.clientId ? this.rows.get(`pending:${m.clientId}`) : undefined;
    if (this.rows.has(m.id)) {
      pending?.remove();
      if (pending) this.rows.delete(`pending:${m.clientId}`);
      return;
    }
    const at = this.time(m.at);
    const meta = m.from === 'agent' ? `${m.name ? `${m.name} · ` : ''}${at}` : at;
    const row = this.row(m.from, m.text, meta);
    row.dataset.id = m.id;
    this.rows.set(m.id, row);
    if (pending) {
      pending.replaceWith(row);
      this.rows.delete(`pending:${m.clientId}`);
    } else this.append(row);
    if (live && m.from === 'agent' && !this.isOpen) this.setUnread(this.unread + 1);
    // someone is free after all: "no one is free" must not stand next to their answer
    if (m.from === 'agent' && this.askedByServer) this.showAsk(false);
  }

  /** Shows a message the visitor just sent, greyed until the server has stored it. */
  addPending(p: PendingMessage): void {
    if (this.rows.has(`pending:${p.clientId}`)) return;
    const row = this.row('visitor', p.text, this.words.t('sending'));
    row.classList.add('pending');
    this.rows.set(`pending:${p.clientId}`, row);
    this.append(row);
  }

  /** Marks an unsent message as refused, with the server's reason. */
  markFailed(clientId: string, reason: string): void {
    const row = this.rows.get(`pending:${clientId}`);
    if (!row) return;
    row.classList.replace('pending', 'failed');
    const meta = row.querySelector('.meta');
    if (meta) meta.textContent = this.words.t('notSent', { reason });
    this.rows.delete(`pending:${clientId}`);
  }

  /**
   * Offers the name-and-email form (prefilled with what the visitor already left). `noOneFree` is
   * the server's prompt after an unanswered wait (it goes when an agent answers); the visitor's own
   * ✉ button opens it without the "no one is free" line.
   */
  showAsk(show: boolean, profile?: VisitorProfile, noOneFree = true): void {
    if (profile) {
      this.nameInput.value = profile.name ?? '';
      this.emailInput.value = profile.email ?? '';
    }
    this.askedByServer = show && noOneFree;
    this.askLine.hidden = !this.askedByServer;
    this.ask.hidden = !show;
    if (show) {
      this.toggle(true);
      this.emailInput.focus();
    }
  }

  /** A short line under the conversation (confirmation, rate limits). */
  showNote(text: string | null): void {
    this.note.textContent = text ?? '';
    this.note.hidden = !text;
  }

  /** Shows "Reconnecting…" while the socket is down. */
  online(up: boolean): void {
    this.status.hidden = up;
  }

  private submit() {
    const text = this.textarea.value.trim();
    if (!text) return;
    this.textarea.value = '';
    this.handlers.send(text);
  }

  private toggle(open: boolean) {
    this.panel.hidden = !open;
    this.bubble.setAttribute('aria-label', this.words.t(open ? 'closeChat' : 'openChat'));
    this.bubble.setAttribute('aria-expanded', String(open));
    try {
      sessionStorage.setItem('rapport-chat-open', open ? '1' : '');
    } catch {
      // storage may be blocked; the panel just starts closed next time
    }
    if (open) {
      this.setUnread(0);
      this.log.scrollTop = this.log.scrollHeight;
      this.textarea.focus();
    }
  }

  private setUnread(n: number) {
    this.unread = n;
    this.badge.textContent = String(n);
    this.badge.hidden = n === 0;
    if (n > 0) this.badge.setAttribute('aria-label', this.words.t('unread', { count: n }));
  }

  private time(at: number): string {
    return new Date(at).toLocaleTimeString(this.words.language, { hour: 'numeric', minute: '2-digit' });
  }

  /** Puts the current language's words on every labelled element, the title and the greeting. */
  private relabel() {
    const { t } = this.words;
    for (const { el, key, attr } of this.labelled) {
      if (attr) el.setAttribute(attr, t(key));
      else el.textContent = t(key);
    }
    this.bubble.setAttribute('aria-label', t(this.isOpen ? 'closeChat' : 'openChat'));
    for (const row of this.rows.values()) {
      const meta = row.classList.contains('pending') ? row.querySelector('.meta') : null;
      if (meta) meta.textContent = t('sending');
    }
    if (this.look) {
      const { brandName, greeting } = this.words.look(this.look);
      this.title.textContent = brandName;
      this.panel.setAttribute('aria-label', brandName);
      this.greeting.replaceChildren(h('div', { class: 'text', dir: 'auto' }, greeting));
      this.greeting.hidden = !greeting;
    }
    this.panel.setAttribute('lang', this.words.language);
    this.bubble.setAttribute('lang', this.words.language);
  }

  private row(from: 'visitor' | 'agent', text: string, meta: string): HTMLElement {
    return h(
      'div',
      { class: `msg ${from}` },
      h('div', { class: 'text', dir: 'auto' }, ...textWithLinks(text)),
      h('div', { class: 'meta' }, meta),
    );
  }

  private append(row: HTMLElement) {
    const atBottom = this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 40;
    this.log.append(row);
    if (atBottom) this.log.scrollTop = this.log.scrollHeight;
  }
}
