import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '../api/client.js';
import { api } from '../api/endpoints.js';
import type { User } from '../api/types.js';

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
  const ids = { email: useId(), name: useId(), password: useId(), error: useId() };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (needsSetup && password.length < 10) {
      setError('Choose a password of at least 10 characters.');
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
        {needsSetup ? (
          <p className="muted">
            Welcome! Create the first administrator account to start answering customers.
          </p>
        ) : (
          <p className="muted">Sign in to your inbox.</p>
        )}
        {props.notice && !error ? <p className="notice">{props.notice}</p> : null}
        {needsSetup ? (
          <div className="field">
            <label htmlFor={ids.name}>Your name</label>
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
          <label htmlFor={ids.email}>Email</label>
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
          <label htmlFor={ids.password}>Password{needsSetup ? ' (at least 10 characters)' : ''}</label>
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
          {busy ? 'Please wait…' : needsSetup ? 'Create admin account' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}

function describe(error: unknown, setup: boolean): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.';
  if (error.status === 0) return 'Cannot reach the server. Check your connection.';
  if (error.status === 401) return 'Email or password is not right.';
  if (error.status === 429) return 'Too many attempts. Wait a minute and try again.';
  if (error.status === 409 && setup) return 'An account already exists. Reload the page to sign in.';
  return error.message;
}
