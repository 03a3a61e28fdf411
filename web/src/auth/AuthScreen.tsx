import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '../api/client.js';
import { api } from '../api/endpoints.js';
import type { User } from '../api/types.js';
import { useT, wordsOf } from '../i18n/index.js';

/**
 * Sign-in, or — while the server has no user yet — creation of the first admin account.
 * Errors are shown in words next to the form, and the first field gets focus.
 */
export function AuthScreen(props: {
  needsSetup: boolean;
  notice?: string;
  onSignedIn: (user: User) => void;
}) {
  const { needsSetup } = props;
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const t = useT('auth');
  const ids = { email: useId(), name: useId(), password: useId(), error: useId() };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (needsSetup && password.length < 10) {
      setError(t('passwordTooShort'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const answer = needsSetup
        ? await api.setup({ email, name, password })
        : await api.login({ email, password });
      props.onSignedIn(answer.user);
    } catch (err) {
      setError(describe(err, needsSetup));
      setBusy(false);
    }
  };

  return (
    <main className="center-screen">
      <form className="card auth-card" onSubmit={submit} aria-describedby={error ? ids.error : undefined}>
        <h1>
          <span className="logo" aria-hidden="true" /> Rapport
        </h1>
        {needsSetup ? <p className="muted">{t('welcome')}</p> : <p className="muted">{t('signInIntro')}</p>}
        {props.notice && !error ? <p className="notice">{props.notice}</p> : null}
        {needsSetup ? (
          <div className="field">
            <label htmlFor={ids.name}>{t('yourName')}</label>
            <input
              id={ids.name}
              name="name"
              autoComplete="name"
              required
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={ids.email}>{t('email')}</label>
          <input
            id={ids.email}
            name="email"
            type="email"
            autoComplete="username"
            required
            // biome-ignore lint/a11y/noAutofocus: the only task on this screen is to type the email
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.password}>{needsSetup ? t('passwordNew') : t('password')}</label>
          <input
            id={ids.password}
            name="password"
            type="password"
            autoComplete={needsSetup ? 'new-password' : 'current-password'}
            required
            minLength={needsSetup ? 10 : undefined}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        {error ? (
          <p id={ids.error} className="error-text" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="primary wide" disabled={busy}>
          {busy ? t('wait') : needsSetup ? t('createAdmin') : t('signIn')}
        </button>
      </form>
    </main>
  );
}

function describe(error: unknown, setup: boolean): string {
  const t = wordsOf('auth');
  if (!(error instanceof ApiError)) return t('failed');
  if (error.status === 0) return t('offline');
  if (error.status === 401) return t('wrong');
  if (error.status === 429) return t('tooMany');
  if (error.status === 409 && setup) return t('exists');
  return error.message;
}
