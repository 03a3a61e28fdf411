import { useEffect, useState } from 'react';
import { checkReply } from '../../../src/guidelines/check.js';
import {
  type CheckSettings,
  type Finding,
  type ShuntReason,
  shuntReasons,
} from '../../../src/guidelines/types.js';
import { useT } from '../i18n/index.js';
import { useNarrow } from '../lib/hooks.js';
import { checkSettingsOnce, confirmedNameOf } from './reply-check-api.js';
import './reply-findings.css';

export type { ShuntReason };

/** What the live check knows about the conversation being answered. */
export interface ReplyCheckContext {
  channel: string;
  /** The customer's latest message. */
  customerText: string | null;
  contactId: number | null;
}

/** The live check's state: its findings, those that block the send, and the reason for a private channel. */
export interface ReplyCheck {
  findings: Finding[];
  blocking: Finding[];
  reason: ShuntReason | null;
  setReason: (reason: ShuntReason | null) => void;
}

/** Pause after the last keystroke before checking again (the check itself takes well under 5 ms). */
export const CHECK_DEBOUNCE_MS = 120;

/**
 * Runs the check before sending in the browser as the agent types (debounced; no round trip): the
 * pure `src/guidelines` code with the workspace's settings. The server runs it again on send.
 */
export function useReplyCheck(text: string, context: ReplyCheckContext | undefined): ReplyCheck {
  const [settings, setSettings] = useState<CheckSettings | null>(null);
  const [name, setName] = useState<string | null>(null);
  const [findings, setFindings] = useState<Finding[]>([]);
  const [reason, setReason] = useState<ShuntReason | null>(null);
  const contactId = context?.contactId ?? null;
  const channel = context?.channel ?? null;
  const customerText = context?.customerText ?? null;

  useEffect(() => {
    let live = true;
    void checkSettingsOnce().then((s) => live && setSettings(s));
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    let live = true;
    setName(null);
    if (contactId !== null) void confirmedNameOf(contactId).then((n) => live && setName(n));
    return () => {
      live = false;
    };
  }, [contactId]);
  useEffect(() => {
    if (!settings || !text.trim()) {
      setFindings([]);
      return;
    }
    const timer = setTimeout(() => {
      setFindings(checkReply({ text, customerText, customerName: name, channel }, settings));
    }, CHECK_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, settings, customerText, name, channel]);

  const blocking = findings.filter(
    (f) => f.severity === 'block' && !(f.code === 'offline_shunt' && reason !== null),
  );
  return { findings, blocking, reason, setReason };
}

/**
 * The findings under the composer: what matched, why it matters and what to write instead. On a
 * phone they fold into one line (the thread keeps the screen) unless something blocks the send.
 */
export function ReplyFindings({ check }: { check: ReplyCheck }) {
  const t = useT('guidelines');
  const narrow = useNarrow();
  const [open, setOpen] = useState<boolean | null>(null);
  if (check.findings.length === 0) return null;
  const shown = open ?? (!narrow || check.blocking.length > 0);
  return (
    <details
      className="reply-findings"
      open={shown}
      onToggle={(e) => {
        const now = (e.currentTarget as HTMLDetailsElement).open;
        if (now !== shown) setOpen(now);
      }}
    >
      <summary>
        {t('label')}: {check.findings.map((f) => t(`${f.code}_title`)).join(' · ')}
      </summary>
      <ul>
        {check.findings.map((f) => (
          <li key={f.code} className={`finding finding-${f.severity}`} data-code={f.code}>
            <div className="finding-head">
              <strong>{t(`${f.code}_title`)}</strong>
              <span className="finding-severity">{t(f.severity)}</span>
            </div>
            <p className="finding-match">
              {t('matched')}: <mark>{f.match}</mark>
            </p>
            <p>{t(`${f.code}_why`)}</p>
            <p className="finding-suggestion">
              {t('tryThis')}: {t(`${f.code}_suggestion`)}
            </p>
            {f.code === 'offline_shunt' ? (
              <label className="finding-reason">
                {t('reason')}{' '}
                <select
                  value={check.reason ?? ''}
                  onChange={(e) => check.setReason((e.target.value || null) as ShuntReason | null)}
                >
                  <option value="">{t('reasonNone')}</option>
                  {shuntReasons.map((r) => (
                    <option key={r} value={r}>
                      {t(`reason_${r}`)}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Said on the send button while a finding blocks the reply. */
export function SendBlocked({ check }: { check: ReplyCheck }) {
  const t = useT('guidelines');
  if (check.blocking.length === 0) return null;
  return <span className="send-blocked"> ({t('blocked', { count: check.blocking.length })})</span>;
}
