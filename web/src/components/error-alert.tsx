import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { unmatchedIssues } from './errors.ts';

interface Props {
  error: unknown;
  /** The form's field names; issues for other paths are listed in the alert. */
  fields?: readonly string[];
}

/** A request's error, as an alert. Renders nothing when there is no error. */
export function ErrorAlert({ error, fields = [] }: Props) {
  const { t } = useTranslation();
  if (!error) return null;
  const message = error instanceof ApiError ? error.message : error instanceof Error ? error.message : t('common.genericError');
  const extra = unmatchedIssues(error, fields);
  const hasFieldIssues = error instanceof ApiError && error.fieldIssues.length > extra.length;
  return (
    <div role="alert" className="alert alert-error">
      <p>{message || t('common.genericError')}</p>
      {hasFieldIssues && <p>{t('common.checkFields')}</p>}
      {extra.length > 0 && (
        <ul>
          {extra.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
