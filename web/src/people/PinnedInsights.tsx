import { useInAppLink } from '../app/pages.js';
import { useT } from '../i18n/index.js';
import './people.css';

/** A person's pinned insights at the top of a conversation's contact panel, with a link to their page. */
export function PinnedInsights(props: { contactId: number; insights: string[] }) {
  const t = useT('people');
  const link = useInAppLink();
  return (
    <div className="pinned-insights">
      {props.insights.length > 0 ? (
        <ul className="insights" aria-label={t('insights')}>
          {props.insights.map((i) => (
            <li key={i} dir="auto">
              <span aria-hidden="true">📌 </span>
              {i}
            </li>
          ))}
        </ul>
      ) : null}
      <a className="person-link" {...link(`/people/${props.contactId}`)}>
        {t('personPage')}
      </a>
    </div>
  );
}
