import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kbApi, type KbArticle, type KbDiff } from '../../api/kb.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { useFormatDate } from '../../lib/format.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';

interface Props {
  articleId: string;
  language: string;
  /** Changes whenever a save or restore made a new version. */
  version: number;
  manage: boolean;
  onRestored: (a: KbArticle, version: number) => void;
}

/** One language's versions, newest first: compare any with the one before, restore one as the newest. */
export function VersionsPanel({ articleId, language, version, manage, onRestored }: Props) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const id = useId();
  const list = usePagedList((cursor) => kbApi.versions(articleId, language, cursor), `${articleId}:${language}:${version}`);
  const [diff, setDiff] = useState<KbDiff | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function compare(v: number) {
    setError(null);
    try {
      setDiff(await kbApi.diff(articleId, language, v - 1, v));
    } catch (e) {
      setError(e);
    }
  }
  async function restore(v: number) {
    if (!window.confirm(t('kb.versions.confirmRestore', { version: v }))) return;
    setError(null);
    try {
      onRestored(await kbApi.restore(articleId, language, v), v);
      setDiff(null);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('kb.versions.title')}</h2>
      <ErrorAlert error={error ?? list.error} />
      {!list.loading && list.items.length === 0 && <p className="empty">{t('kb.versions.none')}</p>}
      <ol className="version-list" reversed>
        {list.items.map((v) => (
          <li key={v.id}>
            <strong>{t('kb.versions.version', { version: v.version })}</strong>{' '}
            <span className="hint">{t('kb.versions.by', { when: formatDate(v.createdAt), reason: t(`kb.versions.reasons.${v.reason}`) })}</span>{' '}
            {v.version > 1 && (
              <button type="button" onClick={() => void compare(v.version)}>{t('kb.versions.compare', { version: v.version })}</button>
            )}{' '}
            {manage && v.version !== version && (
              <button type="button" onClick={() => void restore(v.version)}>{t('kb.versions.restore', { version: v.version })}</button>
            )}
          </li>
        ))}
      </ol>
      <LoadMore list={list} />
      {diff && (
        <section aria-labelledby={`${id}-diff`} className="kb-diff">
          <h3 id={`${id}-diff`}>{t('kb.versions.diffTitle', { from: diff.from, to: diff.to })}</h3>
          <p lang={language}>
            {diff.title.map((p, i) => <DiffPart key={i} kind={p.kind} text={p.text} />)}
          </p>
          <p lang={language} style={{ whiteSpace: 'pre-wrap' }}>
            {diff.body.map((p, i) => <DiffPart key={i} kind={p.kind} text={p.text} />)}
          </p>
          <p className="hint">{t('kb.versions.added')}: +{diff.added} · {t('kb.versions.removed')}: −{diff.removed}</p>
          <button type="button" onClick={() => setDiff(null)}>{t('kb.versions.closeDiff')}</button>
        </section>
      )}
    </section>
  );
}

function DiffPart({ kind, text }: { kind: 'same' | 'added' | 'removed'; text: string }) {
  const { t } = useTranslation();
  if (kind === 'added') return <ins title={t('kb.versions.added')} style={{ background: '#d7f5dd' }}>{text}</ins>;
  if (kind === 'removed') return <del title={t('kb.versions.removed')} style={{ background: '#fbdada' }}>{text}</del>;
  return <span>{text}</span>;
}
