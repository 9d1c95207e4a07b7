import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { KB_LANGUAGES, kbApi, type KbArticle, type KbState } from '../../api/kb.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { fieldError } from '../../components/errors.ts';
import { TextField } from '../../components/fields.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { ArticleSettings, type KbSettings } from './article-settings.tsx';
import { RichText } from './rich-text.tsx';
import { VersionsPanel } from './versions-panel.tsx';

const NEXT: Record<KbState, KbState[]> = { draft: ['review', 'published', 'archived'], review: ['published', 'draft', 'archived'], published: ['draft', 'archived'], archived: ['draft'] };
const FIELDS = ['title', 'body', 'categoryId', 'tags', 'relatedIds'];

/** /kb/articles/new and /kb/articles/:id: one article, a tab per language, state, settings and history. */
export function KbArticleEditorPage() {
  const { id: routeId } = useParams();
  const isNew = !routeId || routeId === 'new';
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const id = useId();
  const manage = can('kb.manage');
  const [article, setArticle] = useState<KbArticle | null>(null);
  const [lang, setLang] = useState<string>(KB_LANGUAGES.includes(i18n.language as never) ? i18n.language : 'en');
  const [text, setText] = useState({ title: '', body: '' });
  const [resetKey, setResetKey] = useState('new');
  const [settings, setSettings] = useState<KbSettings>({ categoryId: null, visibility: 'public', tags: [], relatedIds: [] });
  const [newLang, setNewLang] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const current = article?.translations.find((x) => x.language === lang);
  useDocumentTitle(isNew ? t('kb.editor.newTitle') : t('kb.editor.editTitle', { title: current?.title ?? '' }));

  const show = useCallback((a: KbArticle, language: string) => {
    setArticle(a);
    setSettings({ categoryId: a.categoryId, visibility: a.visibility, tags: a.tags, relatedIds: a.relatedIds });
    const tr = a.translations.find((x) => x.language === language);
    setText({ title: tr?.title ?? '', body: tr?.body ?? '' });
    setResetKey(`${a.id}:${language}:${tr?.version ?? 0}`);
  }, []);

  useEffect(() => {
    if (isNew) return;
    kbApi.article(routeId!).then((a) => {
      const first = a.translations.some((x) => x.language === lang) ? lang : (a.translations[0]?.language ?? 'en');
      setLang(first);
      show(a, first);
    }, setError);
    // Loads once per article; switching tabs is local.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [routeId, isNew, show]);

  function switchTo(language: string) {
    setLang(language);
    if (article) show(article, language);
    else setResetKey(`new:${language}`);
    setStatus('');
  }

  const saveRef = useRef<() => void>(() => undefined);
  async function save(e?: FormEvent) {
    e?.preventDefault();
    if (!manage || busy) return;
    setBusy(true);
    setError(null);
    try {
      if (isNew && !article) {
        const a = await kbApi.create({ ...settings, translations: [{ language: lang, title: text.title, body: text.body }] });
        setStatus(t('kb.editor.saved', { language: lang, version: 1 }));
        navigate(`/kb/articles/${a.id}`, { replace: true });
        show(a, lang);
      } else if (article) {
        const a = await kbApi.saveText(article.id, lang, { ...text, baseVersion: current?.version });
        const v = a.translations.find((x) => x.language === lang)?.version ?? 1;
        setStatus(t('kb.editor.saved', { language: lang, version: v }));
        show(a, lang);
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  saveRef.current = () => void save();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && (e.key === 's' || e.key === 'S')) {
        e.preventDefault();
        saveRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  async function act(fn: () => Promise<KbArticle>, message: string) {
    setBusy(true);
    setError(null);
    try {
      show(await fn(), lang);
      setStatus(message);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  async function saveSettings(e: FormEvent) {
    e.preventDefault();
    if (article) await act(() => kbApi.update(article.id, settings), t('kb.editor.settingsSaved'));
  }
  async function removeArticle() {
    if (!article || !window.confirm(t('kb.editor.confirmDelete', { title: current?.title ?? '' }))) return;
    try {
      await kbApi.remove(article.id);
      navigate('/kb');
    } catch (err) {
      setError(err);
    }
  }
  async function removeLanguage() {
    if (!article || !window.confirm(t('kb.editor.confirmRemoveLanguage', { language: lang }))) return;
    try {
      const a = await kbApi.removeText(article.id, lang);
      const next = a.translations[0]?.language ?? 'en';
      setLang(next);
      show(a, next);
    } catch (err) {
      setError(err);
    }
  }

  const languages = article ? article.translations.map((x) => x.language) : [];
  if (!languages.includes(lang)) languages.push(lang);
  const langName = (l: string) => t(`kb.languages.${l}`, { defaultValue: l });

  return (
    <div className="kb-editor">
      <p><Link to="/kb">← {t('kb.editor.back')}</Link></p>
      <h1>{isNew && !article ? t('kb.editor.newTitle') : t('kb.editor.editTitle', { title: current?.title ?? text.title })}</h1>
      <ErrorAlert error={error} fields={FIELDS} />
      <StatusMessage>{status || null}</StatusMessage>
      <div role="tablist" aria-label={t('kb.editor.languagesLabel')}>
        {languages.map((l) => (
          <button key={l} type="button" role="tab" aria-selected={l === lang} className={l === lang ? 'primary' : undefined} style={{ marginInlineEnd: '0.25rem', marginBottom: '0.5rem' }} onClick={() => switchTo(l)}>
            {langName(l)}
          </button>
        ))}
      </div>
      {manage && article && (
        <form className="form-row" onSubmit={(e) => { e.preventDefault(); if (newLang.trim()) { switchTo(newLang.trim()); setNewLang(''); } }}>
          <TextField label={t('kb.editor.languageCode')} value={newLang} list={`${id}-langs`} onChange={(e) => setNewLang(e.target.value)} />
          <datalist id={`${id}-langs`}>{KB_LANGUAGES.filter((l) => !languages.includes(l)).map((l) => <option key={l} value={l}>{langName(l)}</option>)}</datalist>
          <button type="submit">{t('kb.editor.addLanguage')}</button>
        </form>
      )}
      <form className="panel" role="tabpanel" aria-labelledby={`${id}-body-label`} onSubmit={save} noValidate>
        <TextField label={t('kb.editor.titleField')} value={text.title} lang={lang} readOnly={!manage} error={fieldError(error, 'title') ?? fieldError(error, 'translations.0.title')} onChange={(e) => setText({ ...text, title: e.target.value })} required />
        <div className="field">
          <span id={`${id}-body-label`} className="label">{t('kb.editor.body')} ({langName(lang)})</span>
          <RichText html={text.body} resetKey={resetKey} labelId={`${id}-body-label`} lang={lang} onError={setError} onChange={(body) => setText((x) => ({ ...x, body }))} />
        </div>
        <p className="hint">
          {current ? t('kb.editor.stateIs', { state: t(`kb.states.${current.state}`), version: current.version }) : t('kb.editor.unsaved')}
          {current && <> · {t('kb.editor.stats', { views: current.views, yes: current.helpfulYes, no: current.helpfulNo })}</>}
        </p>
        {manage && (
          <div className="actions">
            <button type="submit" className="primary" disabled={busy} aria-keyshortcuts="Control+S">{t('kb.editor.save')}</button>
            {article && current && NEXT[current.state].map((s) => (
              <button key={s} type="button" disabled={busy} onClick={() => void act(() => kbApi.setState(article.id, lang, s), t('kb.editor.stateChanged', { language: langName(lang), state: t(`kb.states.${s}`) }))}>
                {t(`kb.editor.toState.${s}`)}
              </button>
            ))}
            {article && current && languages.length > 1 && (
              <button type="button" className="danger" disabled={busy} onClick={() => void removeLanguage()}>{t('kb.editor.removeLanguage', { language: langName(lang) })}</button>
            )}
          </div>
        )}
      </form>
      <ArticleSettings value={settings} onChange={setSettings} onSave={article ? saveSettings : undefined} articleId={article?.id} disabled={!manage || busy} error={error} />
      {article && current && (
        <VersionsPanel articleId={article.id} language={lang} version={current.version} manage={manage} onRestored={(a, v) => { show(a, lang); setStatus(t('kb.versions.restored', { version: v })); }} />
      )}
      {manage && article && (
        <p><button type="button" className="danger" onClick={() => void removeArticle()}>{t('kb.editor.deleteArticle')}</button></p>
      )}
    </div>
  );
}
