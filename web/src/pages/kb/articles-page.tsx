import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { categoryTree, KB_LANGUAGES, KB_STATES, kbApi, type KbCategory, type KbListFilters } from '../../api/kb.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { useFormatDate } from '../../lib/format.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { isTyping, KbTabs } from './kb-tabs.tsx';

/** /kb: every article, searchable by title and filtered by category, state, language and visibility. */
export function KbArticlesPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const formatDate = useFormatDate();
  const id = useId();
  const [filters, setFilters] = useState<KbListFilters>({ q: '', categoryId: '', state: '', language: '', visibility: '' });
  const [categories, setCategories] = useState<KbCategory[]>([]);
  const q = useDebounced(filters.q ?? '');
  const effective = { ...filters, q };
  const list = usePagedList((cursor) => kbApi.articles(effective, cursor), JSON.stringify(effective));
  const manage = can('kb.manage');
  useDocumentTitle(t('kb.title'));

  useEffect(() => {
    kbApi.categories().then(setCategories, () => setCategories([]));
  }, []);
  useEffect(() => {
    if (!manage) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.key === 'n' || e.key === 'N') && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e)) {
        e.preventDefault();
        navigate('/kb/articles/new');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [manage, navigate]);

  const catName = new Map(categories.map((c) => [c.id, c.names[i18n.language] ?? c.name]));
  const pick = (lang: string, translations: { language: string; title: string }[]) =>
    translations.find((x) => x.language === lang) ?? translations.find((x) => x.language === 'en') ?? translations[0];
  const set = (k: keyof KbListFilters) => (e: { target: { value: string } }) => setFilters({ ...filters, [k]: e.target.value });

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('kb.title')}</h1>
      <KbTabs />
      <p className="hint">{t('kb.intro')}</p>
      {manage && (
        <p>
          <button type="button" className="primary" aria-keyshortcuts="N" onClick={() => navigate('/kb/articles/new')}>{t('kb.newArticle')}</button>
        </p>
      )}
      <div className="form-row filters" role="search">
        <TextField type="search" label={t('kb.search')} value={filters.q} onChange={set('q')} />
        <SelectField label={t('kb.category')} value={filters.categoryId} onChange={set('categoryId')} options={[['', t('kb.anyCategory')], ...categoryTree(categories).map(([c, depth]) => [c.id, `${'— '.repeat(depth)}${catName.get(c.id)}`] as const)]} />
        <SelectField label={t('kb.state')} value={filters.state} onChange={set('state')} options={[['', t('kb.anyState')], ...KB_STATES.map((s) => [s, t(`kb.states.${s}`)] as const)]} />
        <SelectField label={t('kb.language')} value={filters.language} onChange={set('language')} options={[['', t('kb.anyLanguage')], ...KB_LANGUAGES.map((l) => [l, t(`kb.languages.${l}`)] as const)]} />
        <SelectField label={t('kb.visibility')} value={filters.visibility} onChange={set('visibility')} options={[['', t('kb.anyVisibility')], ['public', t('kb.visibilities.public')], ['internal', t('kb.visibilities.internal')]]} />
      </div>
      <ErrorAlert error={list.error} />
      <div className="table-wrap">
        <table className="data-table">
          <caption className="visually-hidden">{t('kb.tableLabel')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('kb.colTitle')}</th>
              <th scope="col">{t('kb.category')}</th>
              <th scope="col">{t('kb.colLanguages')}</th>
              <th scope="col">{t('kb.visibility')}</th>
              <th scope="col">{t('kb.colUpdated')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((a) => {
              const main = pick(i18n.language, a.translations);
              return (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={`/kb/articles/${a.id}`} lang={main?.language}>{main?.title}</Link>
                  </th>
                  <td>{a.categoryId ? catName.get(a.categoryId) : t('kb.noCategory')}</td>
                  <td>
                    {a.translations.map((x) => (
                      <span key={x.language} className={`badge ${x.state === 'published' ? 'badge-ok' : 'badge-muted'}`} title={`${t(`kb.languages.${x.language}`, { defaultValue: x.language })}: ${t(`kb.states.${x.state}`)}`}>
                        {x.language}
                      </span>
                    ))}
                  </td>
                  <td>{t(`kb.visibilities.${a.visibility}`)}</td>
                  <td>{formatDate(a.updatedAt)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {!list.loading && list.items.length === 0 && <p className="empty">{t('kb.noArticles')}</p>}
      <LoadMore list={list} />
    </section>
  );
}
