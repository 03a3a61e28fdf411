import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/client.js';
import { type ChannelField, type ChannelType, channelsApi } from './api.js';

function label(name: string) {
  const words = name.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function convert(field: ChannelField, raw: string): unknown {
  if (field.kind === 'number') return raw === '' ? undefined : Number(raw);
  if (field.kind === 'boolean') return raw === 'true';
  if (field.kind === 'array')
    return raw
      .split(/[,\n]/)
      .map((v) => v.trim())
      .filter(Boolean);
  return raw === '' ? undefined : raw;
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
      const value = convert(field, String(data.get(field.name) ?? ''));
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
            <FieldInput field={f} id={`channel-field-${f.name}`} />
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

function FieldInput({ field: f, id }: { field: ChannelField; id: string }) {
  if (f.options) {
    return (
      <select id={id} name={f.name} defaultValue={f.options[0]}>
        {f.options.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    );
  }
  if (f.kind === 'boolean') {
    return (
      <select id={id} name={f.name} defaultValue="false">
        <option value="true">yes</option>
        <option value="false">no</option>
      </select>
    );
  }
  return (
    <input
      id={id}
      name={f.name}
      type={f.secret ? 'password' : f.kind === 'number' ? 'number' : 'text'}
      autoComplete={f.secret ? 'new-password' : 'off'}
      required={f.required && f.kind !== 'array'}
      placeholder={f.kind === 'array' ? 'comma-separated' : (f.description ?? '')}
    />
  );
}
