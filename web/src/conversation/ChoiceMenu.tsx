import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';

/** One choice of a ChoiceMenu. */
export interface Choice {
  value: string;
  label: string;
  /** The current value (radio), or one of the current values (checkbox). */
  checked: boolean;
  /** A short note after the label ("not scored"). */
  note?: string;
}

/**
 * A menu button: one tap (or Enter, Space, ↓) opens the choices, arrow keys, Home, End and a first
 * letter move between them, Enter or a tap picks one, Escape closes; focus returns to the button.
 * `kind` says whether one value is chosen (radio) or each choice toggles (checkbox). On a phone the
 * choices open as a sheet at the bottom of the screen, each at least 44 px tall.
 */
export function ChoiceMenu(props: {
  /** The button's accessible name, e.g. "Sentiment: Negative. Change". */
  label: string;
  /** What the button shows (the badge's face). */
  children: ReactNode;
  className: string;
  /** The menu's accessible name, e.g. "Sentiment". */
  title: string;
  kind: 'radio' | 'checkbox';
  choices: Choice[];
  onChoose: (value: string) => void;
  disabled?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [upward, setUpward] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const wrap = useRef<HTMLSpanElement>(null);
  const items = useRef<(HTMLButtonElement | null)[]>([]);
  const menuId = useId();
  const count = props.choices.length;

  const show = (at: 'checked' | 'first' | 'last') => {
    const checked = props.choices.findIndex((c) => c.checked);
    setActive(at === 'last' ? count - 1 : at === 'checked' && checked >= 0 ? checked : 0);
    const rect = button.current?.getBoundingClientRect();
    setUpward(rect ? rect.bottom + Math.min(360, count * 44 + 16) > window.innerHeight : false);
    setOpen(true);
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  useEffect(() => {
    if (open) items.current[active]?.focus();
  }, [open, active]);

  useEffect(() => {
    if (!open) return;
    const away = (event: PointerEvent) => {
      if (!wrap.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);

  const onButtonKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      show('checked');
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      show('last');
    }
  };

  const onMenuKey = (event: KeyboardEvent) => {
    const move = (to: number) => {
      event.preventDefault();
      setActive((to + count) % count);
    };
    if (event.key === 'ArrowDown') move(active + 1);
    else if (event.key === 'ArrowUp') move(active - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(count - 1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Tab') close(false);
    else if (event.key.length === 1 && /\S/.test(event.key)) {
      // a letter picks the next choice starting with it, never an inbox shortcut ("r" is reply)
      event.preventDefault();
      const letter = event.key.toLowerCase();
      for (let step = 1; step <= count; step += 1) {
        const i = (active + step) % count;
        if (props.choices[i]!.label.toLowerCase().startsWith(letter)) {
          move(i);
          break;
        }
      }
    }
  };

  const role = props.kind === 'radio' ? 'menuitemradio' : 'menuitemcheckbox';
  return (
    <span className="choice" ref={wrap}>
      <button
        ref={button}
        type="button"
        className={`choice-button ${props.className}`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={props.label}
        title={props.label}
        disabled={props.disabled}
        onClick={() => (open ? close(false) : show('checked'))}
        onKeyDown={onButtonKey}
      >
        {props.children}
        <span className="choice-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open ? (
        <div
          id={menuId}
          className={`choice-menu ${upward ? 'up' : ''}`}
          role="menu"
          aria-label={props.title}
          tabIndex={-1}
          onKeyDown={onMenuKey}
        >
          <div className="choice-title" aria-hidden="true">
            {props.title}
          </div>
          {props.choices.map((c, i) => (
            // biome-ignore lint/a11y/useAriaPropsSupportedByRole: the role is menuitemradio or menuitemcheckbox, both checkable
            <button
              key={c.value}
              ref={(el) => {
                items.current[i] = el;
              }}
              type="button"
              role={role}
              aria-checked={c.checked}
              tabIndex={i === active ? 0 : -1}
              className="choice-item"
              onClick={() => {
                close(true);
                props.onChoose(c.value);
              }}
            >
              <span className="choice-mark" aria-hidden="true">
                {c.checked ? '✓' : ''}
              </span>
              <span>{c.label}</span>
              {c.note ? <span className="muted choice-note">{c.note}</span> : null}
            </button>
          ))}
        </div>
      ) : null}
    </span>
  );
}
