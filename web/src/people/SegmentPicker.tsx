import { useCallback, useEffect, useState } from 'react';
import type { ResponseOf } from '../../../src/contract/api-contract.js';
import type { segmentRoutes } from '../../../src/server/routes/segments.schema.js';
import { useT } from '../i18n/index.js';
import { type PeopleFilter, peopleApi } from './api.js';
import { problem } from './format.js';

type Segment = ResponseOf<typeof segmentRoutes.list>['items'][number];

/** Saved segments: pick one to apply it, or save the filters shown now under a name. */
export function SegmentPicker(props: {
  filter: PeopleFilter;
  onApply: (segment: number | undefined) => void;
}) {
  const t = useT('people');
  const [segments, setSegments] = useState<Segment[]>([]);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setSegments((await peopleApi.segments()).items);
    } catch (e) {
      setError(problem(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const save = async () => {
    const f = props.filter;
    try {
      const { segment } = await peopleApi.saveSegment({
        name: name.trim(),
        filter: {
          ...(f.q ? { q: f.q } : {}),
          ...(f.lifecycle ? { lifecycle: f.lifecycle as 'customer' } : {}),
          ...(f.journey ? { journey: f.journey as 'research' } : {}),
          ...(f.channel ? { channel: f.channel } : {}),
          ...(f.advocates ? { advocates: true } : {}),
          ...(f.atRisk ? { atRisk: true } : {}),
        },
      });
      setName('');
      setError(null);
      await load();
      props.onApply(segment.id);
    } catch (e) {
      setError(problem(e));
    }
  };

  return (
    <div className="segments">
      <label>
        <span>{t('segment')}</span>
        <select
          aria-label={t('segment')}
          value={props.filter.segment ?? ''}
          onChange={(e) => props.onApply(e.target.value ? Number(e.target.value) : undefined)}
        >
          <option value="">{t('allPeople')}</option>
          {segments.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) void save();
        }}
      >
        <label>
          <span>{t('segmentName')}</span>
          <input value={name} dir="auto" onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit">{t('saveSegment')}</button>
      </form>
      {error ? (
        <p role="alert" className="error-text">
          {error}
        </p>
      ) : null}
    </div>
  );
}
