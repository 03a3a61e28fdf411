import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { Message } from '../api/types.js';
import { useT } from '../i18n/index.js';
import { clockTime, fullTime } from '../lib/time.js';
import { changeSentence } from './triage-words.js';

/** One correction as the message's triage lists it. */
export type TriageCorrectionShown = NonNullable<NonNullable<Message['triage']>['corrections']>[number];
type Correction = TriageCorrectionShown;

/** The model's reasons and what people changed, folded away until asked for. */
export function TriageWhy(props: { explanation: string[]; corrections: Correction[]; now: number }) {
  const t = useT('conversation');
  return (
    <details className="triage-why">
      <summary>{t('why')}</summary>
      <div className="triage-why-body">
        {props.explanation.length ? (
          <ul aria-label={t('reasons')}>
            {props.explanation.map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the lines are fixed for a message
              <li key={i}>{line}</li>
            ))}
          </ul>
        ) : null}
        {props.corrections.length ? (
          <>
            <p className="triage-why-title">{t('changedByPeople')}</p>
            <ul aria-label={t('corrections')}>
              {props.corrections.map((c) => (
                <li key={`${c.at}-${c.field}`}>
                  {changeSentence(c)}{' '}
                  <span className="muted">
                    — {c.by.name},{' '}
                    <time dateTime={new Date(c.at).toISOString()} title={fullTime(c.at)}>
                      {clockTime(c.at, props.now)}
                    </time>
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </details>
  );
}

/** A field for a complaint type the team names itself. */
export function NewComplaintType(props: { onSave: (name: string) => void; onCancel: () => void }) {
  const t = useT('conversation');
  const [name, setName] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  useEffect(() => input.current?.focus(), []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) props.onSave(name.trim());
  };
  return (
    <form className="triage-new-type" onSubmit={submit}>
      <label htmlFor={id}>{t('newComplaintType')}</label>
      <input
        id={id}
        ref={input}
        value={name}
        maxLength={60}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') props.onCancel();
        }}
      />
      <button type="submit" className="primary" disabled={!name.trim()}>
        {t('common:save')}
      </button>
      <button type="button" className="ghost" onClick={props.onCancel}>
        {t('common:cancel')}
      </button>
    </form>
  );
}
