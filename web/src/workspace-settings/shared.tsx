import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { useInAppLink } from '../app/pages.js';
import { useT } from '../i18n/index.js';

/** Data loaded for a screen: the value, the error in words, and a way to load it again. */
export function useLoaded<T>(load: () => Promise<T>) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    load().then(
      (v) => {
        setValue(v);
        setError(null);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [load]);
  useEffect(reload, [reload]);
  return { value, error, reload };
}

/** A settings screen: a link back to the settings index, the title, and the content. */
export function SettingsScreen(props: { title: string; intro?: string; children: ReactNode }) {
  const t = useT('routing');
  const link = useInAppLink();
  return (
    <section className="ws-settings">
      <a className="ws-back" {...link('/settings')}>
        ← {t('backToSettings')}
      </a>
      <h1>{props.title}</h1>
      {props.intro && <p className="ws-intro">{props.intro}</p>}
      {props.children}
    </section>
  );
}

/** A problem in words, announced to screen readers. */
export function Problem(props: { message: string | null }) {
  const t = useT('routing');
  if (!props.message) return null;
  return (
    <p className="error-text" role="alert">
      {t('problem', { message: props.message })}
    </p>
  );
}

/** Splits "a, b, c" (or one per line) into trimmed words. */
export function wordsOf(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((w) => w.trim())
    .filter(Boolean);
}

/** Runs a save, showing its error in words; returns whether it worked. */
export function useSaving() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run, setError };
}

/** A group of checkboxes for picking several values from a short list. */
export function CheckList<V extends string | number>(props: {
  legend: string;
  options: readonly { value: V; label: string }[];
  selected: V[];
  onChange: (next: V[]) => void;
}) {
  return (
    <fieldset className="ws-checks">
      <legend>{props.legend}</legend>
      {props.options.map((o) => (
        <label key={String(o.value)}>
          <input
            type="checkbox"
            checked={props.selected.includes(o.value)}
            onChange={(e) =>
              props.onChange(
                e.target.checked ? [...props.selected, o.value] : props.selected.filter((v) => v !== o.value),
              )
            }
          />{' '}
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}
