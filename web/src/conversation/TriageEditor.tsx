import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.js';
import type { Message } from '../api/types.js';
import { useT } from '../i18n/index.js';
import { type Choice, ChoiceMenu } from './ChoiceMenu.js';
import { type TriageCorrectionShown as Correction, NewComplaintType, TriageWhy } from './TriageWhy.js';
import { complaintTypesOnce, correctTriage, forgetComplaintTypes, type TriageChange } from './triage-api.js';
import {
  changeSentence,
  complaintTypeWord,
  intentChoices,
  intentWord,
  languageChoices,
  languageWord,
  scoredLanguages,
  sentimentChoices,
  sentimentWord,
  urgencyChoices,
  urgencyText,
  urgencyWord,
} from './triage-words.js';
import './triage.css';

const NEW_TYPE = '\u0000new';
const NOT_URGENT = '\u0000none';
const sentimentIcon: Record<string, string> = { negative: '▼', neutral: '●', positive: '▲' };

/** What the agent last changed, said in words, and how to take it back. */
interface Notice {
  key: number;
  text: string;
  undo: TriageChange | null;
}

/**
 * A customer message's triage as badges an agent can correct with one tap each: sentiment, intent,
 * urgency, complaint type and language. A choice is sent at once; the thread, the conversation's
 * priority and due time follow (the view reloads), a notice says what changed with Undo, and "Why?"
 * lists the model's reasons and the last corrections. Without `onCorrected` the badges only show.
 */
export function TriageEditor(props: { message: Message; now: number; onCorrected?: () => void }) {
  const m = props.message;
  const t = m.triage;
  const editable = props.onCorrected !== undefined;
  const words = useT('conversation');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [types, setTypes] = useState<string[]>([]);
  const [addingType, setAddingType] = useState(false);

  useEffect(() => {
    if (editable) void complaintTypesOnce().then(setTypes);
  }, [editable]);

  const sentiment = m.sentiment ?? 'neutral';
  const intent = m.intent ?? 'other';
  const urgency = t?.urgency ?? [];
  const complaintType = t?.complaintType ?? null;
  const language = t?.language ?? null;

  // The badges stay enabled while a correction is on its way (a disabled button would drop the
  // focus the menu just gave back); a second choice meanwhile waits for the first.
  const sending = useRef(false);
  const send = async (change: TriageChange, undoing = false) => {
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    setError(null);
    try {
      const { message } = await correctTriage(m.id, change);
      const made = (message.triage.corrections ?? []).filter((c) => c.at === message.triage.correctedAt);
      const said = made.length ? made.map(changeSentence).join('; ') : words('nothingChanged');
      setNotice({
        key: Date.now(),
        text: undoing ? words('undone', { said }) : said,
        undo: undoing ? null : undoOf(change, made),
      });
      if (change.complaintType) {
        forgetComplaintTypes();
        void complaintTypesOnce().then(setTypes);
      }
      props.onCorrected?.();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : words('common:didNotWork'));
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  const radio = (values: readonly string[], current: string | null, word: (v: string) => string) =>
    values.map((v): Choice => ({ value: v, label: word(v), checked: v === current }));
  const typeValues = [...new Set([...types, ...(complaintType ? [complaintType] : [])])];
  const languageValues = [...new Set([...languageChoices, ...(language ? [language] : [])])];
  const showType = complaintType !== null || intent === 'complaint' || intent === 'churn_risk';
  const urgent = urgency.length > 0;

  const badges = [
    {
      name: words('fieldSentiment'),
      value: sentimentWord(sentiment),
      className: `sentiment-${sentiment}`,
      face: (
        <>
          <span aria-hidden="true">{sentimentIcon[sentiment]} </span>
          {sentimentWord(sentiment)}
        </>
      ),
      kind: 'radio' as const,
      choices: radio(sentimentChoices, sentiment, sentimentWord),
      choose: (v: string) => send({ sentiment: v as (typeof sentimentChoices)[number] }),
    },
    {
      name: words('fieldIntent'),
      value: intentWord(intent),
      className: 'triage-intent',
      face: intentWord(intent),
      kind: 'radio' as const,
      choices: radio(intentChoices, intent, intentWord),
      choose: (v: string) => send({ intent: v as (typeof intentChoices)[number] }),
    },
    {
      name: words('fieldUrgency'),
      value: urgencyText(urgency),
      className: urgent ? 'priority-urgent' : 'triage-calm',
      face: (
        <>
          {urgent ? <span aria-hidden="true">⚑ </span> : null}
          {urgencyText(urgency)}
        </>
      ),
      kind: 'checkbox' as const,
      choices: [
        { value: NOT_URGENT, label: words('notUrgent'), checked: !urgent },
        ...urgencyChoices.map((u) => ({ value: u, label: urgencyWord(u), checked: urgency.includes(u) })),
      ],
      choose: (v: string) => {
        const cues = urgencyChoices.filter((u) => (u === v ? !urgency.includes(u) : urgency.includes(u)));
        return send({ urgency: v === NOT_URGENT ? [] : cues });
      },
    },
    ...(showType
      ? [
          {
            name: words('fieldComplaintType'),
            value: complaintTypeWord(complaintType),
            className: 'triage-type',
            face: complaintTypeWord(complaintType),
            kind: 'radio' as const,
            choices: [
              ...radio(typeValues, complaintType, complaintTypeWord),
              { value: NEW_TYPE, label: words('newType'), checked: false },
            ],
            choose: (v: string) => (v === NEW_TYPE ? setAddingType(true) : send({ complaintType: v })),
          },
        ]
      : []),
    {
      name: words('fieldLanguage'),
      value: languageWord(language),
      className: t?.scored === false ? 'triage-unscored' : 'triage-language',
      face: `${languageWord(language)}${t?.scored === false ? ` · ${words('notScored')}` : ''}`,
      kind: 'radio' as const,
      choices: languageValues.map(
        (l): Choice => ({
          value: l,
          label: languageWord(l),
          checked: l === language,
          ...(scoredLanguages.includes(l) ? {} : { note: words('notScored') }),
        }),
      ),
      choose: (v: string) => send({ language: v }),
    },
  ];

  return (
    <div className="triage">
      <div className="triage-badges">
        {badges.map((b) =>
          editable ? (
            <ChoiceMenu
              key={b.name}
              label={words('change', { name: b.name, value: b.value })}
              title={b.name}
              className={`badge ${b.className}`}
              kind={b.kind}
              choices={b.choices}
              onChoose={(v) => void b.choose(v)}
            >
              {b.face}
            </ChoiceMenu>
          ) : (
            <span key={b.name} className={`badge ${b.className}`} title={`${b.name}: ${b.value}`}>
              {b.face}
            </span>
          ),
        )}
        {t ? (
          <TriageWhy explanation={t.explanation} corrections={t.corrections ?? []} now={props.now} />
        ) : null}
      </div>
      {addingType ? (
        <NewComplaintType
          onCancel={() => setAddingType(false)}
          onSave={(name) => {
            setAddingType(false);
            void send({ complaintType: name });
          }}
        />
      ) : null}
      {error ? (
        <p className="triage-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="triage-notice" role="status">
        {notice ? (
          <span key={notice.key}>
            <span aria-hidden="true">✓ </span>
            {notice.text}
            {notice.undo ? (
              <button
                type="button"
                className="ghost"
                disabled={busy}
                onClick={() => void send(notice.undo!, true)}
              >
                {words('common:undo')}
              </button>
            ) : null}
            <button
              type="button"
              className="ghost icon"
              aria-label={words('common:dismiss')}
              onClick={() => setNotice(null)}
            >
              ×
            </button>
          </span>
        ) : null}
      </div>
    </div>
  );
}

/** The change that takes a correction back: each field the agent set, to what it was before. */
function undoOf(change: TriageChange, made: Correction[]): TriageChange | null {
  const undo: TriageChange = {};
  for (const field of Object.keys(change) as (keyof TriageChange)[]) {
    const record = made.find((c) => c.field === field);
    if (!record) continue;
    if (field === 'urgency')
      undo.urgency = record.from ? (record.from.split(',') as TriageChange['urgency']) : [];
    else if (record.from === null)
      return null; // there is no "no complaint type" or "no language" to go back to
    else (undo as Record<string, string>)[field] = record.from;
  }
  return Object.keys(undo).length ? undo : null;
}
