import { type FormEvent, useId, useState } from 'react';
import { channelName } from '../components/Badges.js';
import { useT } from '../i18n/index.js';
import { type ChannelAccount, type ChannelField, type ChannelType, channelsApi } from './api.js';
import { accentContrast } from './contrast.js';
import { describeChannelError } from './errors.js';
import {
  convert,
  type EmailPreset,
  emailPresets,
  type FormField,
  layoutOf,
  plainLabel,
  presetOf,
  shownValue,
} from './fields.js';

/**
 * Connects a new account, or changes an existing one, as a guided form: the channel type, for email
 * how mail arrives (forward from Gmail or Outlook, your own mailbox over IMAP, Rapport's own
 * address), the few fields that matter up front with human labels and help, and everything else
 * folded under "Advanced settings". What is sent matches `rapport channel add` for the same input.
 */
export function ChannelForm(props: {
  types: ChannelType[];
  /** The account to change; none to connect a new one. */
  account?: ChannelAccount;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const t = useT('channels');
  const id = useId();
  const { account } = props;
  const choices = props.types.filter((k) => k.acceptsAccounts);
  const [type, setType] = useState(account?.channel ?? choices[0]?.type ?? '');
  const [preset, setPreset] = useState<EmailPreset>(presetOf(account ?? null));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = props.types.find((k) => k.type === type);
  if (!chosen) return <p className="muted">{t('noTypes')}</p>;
  const layout = layoutOf(chosen, chosen.type === 'email' ? preset : null);
  /** What a field holds now: the account's value, else the preset's, else nothing (the default shows). */
  const startOf = (name: string) =>
    account ? shownValue(account.settings[name]) : (layout.prefill[name] ?? '');
  const currentOf = (name: string) => (account ? account.settings[name] : chosen.defaults?.[name]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const settings: Record<string, unknown> = {};
    const secrets: Record<string, unknown> = {};
    for (const [name, raw] of Object.entries(layout.fixed)) {
      const field = chosen.fields.find((f) => f.name === name);
      const value = field ? convert(field, raw, currentOf(name), false) : undefined;
      if (value !== undefined) settings[name] = value;
    }
    for (const { field, required } of layout.fields) {
      const raw = String(data.get(field.name) ?? '').trim();
      const value = field.secret
        ? raw || undefined
        : convert(field, raw, currentOf(field.name), required && !account);
      if (value !== undefined) (field.secret ? secrets : settings)[field.name] = value;
    }
    setBusy(true);
    setError(null);
    try {
      if (account) await channelsApi.update(account.id, { settings, secrets });
      else await channelsApi.add({ type, name: String(data.get('accountName') ?? ''), settings, secrets });
      props.onSaved();
    } catch (e) {
      setError(describeChannelError(e));
    } finally {
      setBusy(false);
    }
  };

  const upFront = layout.fields.filter((f) => !f.advanced);
  const folded = layout.fields.filter((f) => f.advanced);
  const render = (f: FormField) => (
    <Field
      key={`${type}-${preset}-${f.field.name}`}
      item={f}
      formId={id}
      start={startOf(f.field.name)}
      current={currentOf(f.field.name)}
      editing={!!account}
    />
  );
  return (
    <form
      className="channel-form"
      aria-labelledby={`${id}-title`}
      aria-describedby={error ? `${id}-error` : undefined}
      onSubmit={(e) => void submit(e)}
    >
      <h3 id={`${id}-title`}>{account ? t('editTitle', { name: account.name }) : t('addTitle')}</h3>
      {account ? null : (
        <>
          <div className="field">
            <label htmlFor={`${id}-type`}>{t('type')}</label>
            <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value)}>
              {choices.map((k) => (
                <option key={k.type} value={k.type}>
                  {channelName(k.type)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-name`}>{t('name')}</label>
            <input
              id={`${id}-name`}
              name="accountName"
              required
              maxLength={100}
              placeholder={t('namePlaceholder')}
            />
          </div>
        </>
      )}
      {chosen.type === 'email' ? (
        <fieldset className="channel-presets">
          <legend>{t('presetQuestion')}</legend>
          {emailPresets.map((p) => (
            <label key={p} className="channel-preset">
              <input
                type="radio"
                name="preset"
                value={p}
                checked={preset === p}
                onChange={() => setPreset(p)}
                aria-describedby={`${id}-preset-${p}`}
              />
              <span>
                <strong>{t(`preset_${p}`)}</strong>
                <span className="muted small" id={`${id}-preset-${p}`}>
                  {t(`preset_${p}Help`)}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
      ) : null}
      {upFront.map(render)}
      {folded.length ? (
        <details className="channel-advanced">
          <summary>{t('advanced')}</summary>
          <div className="channel-form">{folded.map(render)}</div>
        </details>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="channel-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('checking') : account ? t('saveButton') : t('connectButton')}
        </button>
        <button type="button" className="ghost" onClick={props.onCancel}>
          {t('common:cancel')}
        </button>
      </div>
    </form>
  );
}

/** One field: its label and help in words, its input, and for the accent colour a contrast check. */
function Field(props: {
  item: FormField;
  formId: string;
  start: string;
  current: unknown;
  editing: boolean;
}) {
  const t = useT('channels');
  const { field: f, required } = props.item;
  const id = `${props.formId}-${f.name}`;
  const [value, setValue] = useState(props.start);
  const help = t(`help_${f.name}`, { defaultValue: f.description ?? '' });
  const contrast = f.name === 'accentColor' ? accentContrast(value || shownValue(props.current)) : null;
  return (
    <div className="field">
      <label htmlFor={id}>
        {t(`field_${f.name}`, { defaultValue: plainLabel(f.name) })}
        {required ? '' : t('optional')}
      </label>
      <FieldInput
        field={f}
        id={id}
        required={required && !(props.editing && f.secret)}
        value={value}
        onChange={setValue}
        current={props.current}
        editing={props.editing}
        describedBy={help ? `${id}-help` : undefined}
      />
      {help ? (
        <span id={`${id}-help`} className="muted small">
          {help}
        </span>
      ) : null}
      {contrast ? (
        <span
          className={contrast.passes ? 'muted small' : 'contrast-warning'}
          role={contrast.passes ? undefined : 'alert'}
        >
          {t(contrast.passes ? 'contrastOk' : 'contrastFails', {
            colour: value || shownValue(props.current),
            ratio: contrast.ratio.toFixed(2),
          })}
        </span>
      ) : null}
    </div>
  );
}

/** One field's input, starting at the stored or preset value (a yes/no without default offers "automatic"). */
function FieldInput(props: {
  field: ChannelField;
  id: string;
  required: boolean;
  value: string;
  onChange: (value: string) => void;
  current: unknown;
  editing: boolean;
  describedBy?: string;
}) {
  const t = useT('channels');
  const { field: f, id, current } = props;
  const hasCurrent = current !== undefined && current !== null;
  const common = {
    id,
    name: f.name,
    'aria-describedby': props.describedBy,
    onChange: (e: { target: { value: string } }) => props.onChange(e.target.value),
  };
  if (f.options) {
    return (
      <select
        {...common}
        defaultValue={props.value || (hasCurrent ? String(current) : f.required ? f.options[0] : '')}
      >
        {!hasCurrent && !f.required ? <option value="">{t('notSet')}</option> : null}
        {f.options.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    );
  }
  if (f.kind === 'boolean') {
    return (
      <select {...common} defaultValue={props.value || (hasCurrent ? String(current) : '')}>
        {hasCurrent ? null : <option value="">{t('automatic')}</option>}
        <option value="true">{t('yes')}</option>
        <option value="false">{t('no')}</option>
      </select>
    );
  }
  const shown = hasCurrent ? shownValue(current) : '';
  const placeholder = f.secret
    ? props.editing
      ? t('secretUnchanged')
      : ''
    : f.kind === 'array'
      ? t('commaSeparated')
      : shown && !props.editing
        ? t('defaultValue', { value: shown })
        : '';
  return (
    <input
      {...common}
      defaultValue={props.value}
      type={f.secret ? 'password' : f.kind === 'number' ? 'number' : 'text'}
      autoComplete={f.secret ? 'new-password' : 'off'}
      required={props.required && f.kind !== 'array'}
      placeholder={placeholder}
    />
  );
}
