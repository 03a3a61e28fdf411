import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/client.js';
import { type ChannelField, type ChannelType, channelsApi } from './api.js';

const acronyms = new Set(['smtp', 'imap', 'tls', 'id', 'url']);

function label(name: string) {
  const words = name
    .replace(/([A-Z])/g, ' $1')
    .toLowerCase()
    .split(' ')
    .map((w) => (acronyms.has(w) ? w.toUpperCase() : w))
    .join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The value to send for one field, or undefined to leave it out. A field left empty or at the
 * server's default is left out, so the server stores exactly what `rapport channel add` would for
 * the same input (never a "no" the person did not choose).
 */
function convert(field: ChannelField, raw: string, fallback: unknown): unknown {
  // a required list left empty is sent empty, so the server's refusal names what is missing
  if (raw === '') return field.kind === 'array' && field.required ? [] : undefined;
  if (fallback !== undefined && fallback !== null && raw === String(fallback)) return undefined;
  if (field.kind === 'number') return Number(raw);
  if (field.kind === 'boolean') return raw === 'true';
  if (field.kind === 'array') {
    const items = raw
      .split(/[,\n]/)
      .map((v) => v.trim())
      .filter(Boolean);
    return items.length ? items : undefined;
  }
  return raw;
}

/** Connects a new account: a form built from the channel type's declared fields. */
export function AddChannelForm(props: { types: ChannelType[]; onAdded: () => void }) {
  const choices = props.types.filter((t) => t.acceptsAccounts);
  const [type, setType] = useState(choices[0]?.type ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = choices.find((t) => t.type === type);
  if (!chosen) return <p className="muted">No channel types can be connected.</p>;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const settings: Record<string, unknown> = {};
    const secrets: Record<string, unknown> = {};
    for (const field of chosen.fields) {
      const value = convert(field, String(data.get(field.name) ?? ''), chosen.defaults?.[field.name]);
      if (value !== undefined) (field.secret ? secrets : settings)[field.name] = value;
    }
    setBusy(true);
    setError(null);
    try {
      await channelsApi.add({ type, name: String(data.get('accountName') ?? ''), settings, secrets });
      props.onAdded();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="channel-form" onSubmit={(e) => void submit(e)}>
      <label>
        Type
        <select value={type} onChange={(e) => setType(e.target.value)}>
          {choices.map((t) => (
            <option key={t.type} value={t.type}>
              {t.type}
            </option>
          ))}
        </select>
      </label>
      <p className="muted">{chosen.description}</p>
      <label>
        Name
        <input name="accountName" required maxLength={100} placeholder="e.g. Support mailbox" />
      </label>
      {chosen.fields
        .filter((f) => f.kind !== 'other')
        .map((f) => (
          <div key={`${type}-${f.name}`} className="field">
            <label htmlFor={`channel-field-${f.name}`}>
              {label(f.name)}
              {f.required ? '' : ' (optional)'}
            </label>
            <FieldInput field={f} id={`channel-field-${f.name}`} fallback={chosen.defaults?.[f.name]} />
          </div>
        ))}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Checking the connection…' : 'Connect'}
      </button>
    </form>
  );
}

/** One field's input, starting at the server's default (a yes/no without one offers "automatic"). */
function FieldInput({ field: f, id, fallback }: { field: ChannelField; id: string; fallback: unknown }) {
  const hasDefault = fallback !== undefined && fallback !== null;
  if (f.options) {
    return (
      <select
        id={id}
        name={f.name}
        defaultValue={hasDefault ? String(fallback) : f.required ? f.options[0] : ''}
      >
        {!hasDefault && !f.required ? <option value="">not set</option> : null}
        {f.options.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    );
  }
  if (f.kind === 'boolean') {
    return (
      <select id={id} name={f.name} defaultValue={hasDefault ? String(fallback) : ''}>
        {hasDefault ? null : <option value="">automatic</option>}
        <option value="true">yes</option>
        <option value="false">no</option>
      </select>
    );
  }
  const shown =
    hasDefault && !Array.isArray(fallback) && typeof fallback !== 'object' ? String(fallback) : '';
  return (
    <input
      id={id}
      name={f.name}
      type={f.secret ? 'password' : f.kind === 'number' ? 'number' : 'text'}
      autoComplete={f.secret ? 'new-password' : 'off'}
      required={f.required && f.kind !== 'array'}
      placeholder={
        f.kind === 'array' ? 'comma-separated' : shown ? `${shown} (default)` : (f.description ?? '')
      }
    />
  );
}
