import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { categoryTree, kbApi, type KbCategory } from '../../api/kb.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { fieldError } from '../../components/errors.ts';
import { SelectField, TextField } from '../../components/fields.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { KbTabs } from './kb-tabs.tsx';

/** /kb/categories: the category → section tree; add, rename, reorder, move and delete. */
export function KbCategoriesPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const id = useId();
  const manage = can('kb.manage');
  const [all, setAll] = useState<KbCategory[] | null>(null);
  const [form, setForm] = useState({ name: '', parentId: '' });
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  useDocumentTitle(`${t('kb.tabs.categories')} · ${t('kb.title')}`);

  const load = useCallback(() => kbApi.categories().then(setAll, setError), []);
  useEffect(() => {
    void load();
  }, [load]);

  async function run(fn: () => Promise<unknown>, message = '') {
    setError(null);
    setStatus('');
    try {
      await fn();
      setStatus(message);
      await load();
    } catch (err) {
      setError(err);
    }
  }
  async function add(e: FormEvent) {
    e.preventDefault();
    const siblings = (all ?? []).filter((c) => c.parentId === (form.parentId || null));
    await run(() => kbApi.createCategory({ name: form.name, parentId: form.parentId || null, position: siblings.length }), t('kb.categories.added', { name: form.name }));
    setForm({ name: '', parentId: form.parentId });
  }
  /** Swaps a category with its neighbour among its siblings (positions renumbered 0..n). */
  async function shift(c: KbCategory, by: -1 | 1) {
    const siblings = categoryTree(all ?? []).map(([x]) => x).filter((x) => x.parentId === c.parentId);
    const i = siblings.findIndex((x) => x.id === c.id);
    const j = i + by;
    if (j < 0 || j >= siblings.length) return;
    [siblings[i], siblings[j]] = [siblings[j]!, siblings[i]!];
    await run(async () => {
      for (const [pos, x] of siblings.entries()) if (x.position !== pos) await kbApi.moveCategory(x.id, x.parentId, pos);
    });
  }
  const tree = categoryTree(all ?? []);
  const nameOf = (c: KbCategory) => c.names[i18n.language] ?? c.name;

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('kb.title')}</h1>
      <KbTabs />
      <p className="hint">{t('kb.categories.intro')}</p>
      <ErrorAlert error={error} fields={['name', 'parentId']} />
      <StatusMessage>{status || null}</StatusMessage>
      <ul aria-label={t('kb.categories.treeLabel')} className="kb-tree">
        {tree.map(([c, depth]) => (
          <li key={c.id} style={{ marginInlineStart: `${depth * 1.5}rem` }}>
            <strong>{nameOf(c)}</strong>{' '}
            {manage && (
              <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: '0.25rem', alignItems: 'center', marginInlineStart: '0.5rem' }}>
                <button type="button" aria-label={t('kb.categories.moveUp', { name: nameOf(c) })} onClick={() => void shift(c, -1)}>↑</button>
                <button type="button" aria-label={t('kb.categories.moveDown', { name: nameOf(c) })} onClick={() => void shift(c, 1)}>↓</button>
                <button type="button" onClick={() => { const name = window.prompt(t('kb.categories.renamePrompt'), c.name); if (name?.trim()) void run(() => kbApi.updateCategory(c.id, { name: name.trim() })); }}>{t('kb.categories.rename', { name: nameOf(c) })}</button>
                <select
                  style={{ width: 'auto' }}
                  aria-label={t('kb.categories.moveTo', { name: nameOf(c) })}
                  value={c.parentId ?? ''}
                  onChange={(e) => void run(() => kbApi.moveCategory(c.id, e.target.value || null, 1000))}
                >
                  <option value="">{t('kb.categories.topLevel')}</option>
                  {tree.filter(([x]) => x.id !== c.id).map(([x, d]) => <option key={x.id} value={x.id}>{`${'— '.repeat(d)}${nameOf(x)}`}</option>)}
                </select>
                <button type="button" className="danger" onClick={() => { if (window.confirm(t('kb.categories.confirmRemove', { name: nameOf(c) }))) void run(() => kbApi.removeCategory(c.id)); }}>{t('kb.categories.remove', { name: nameOf(c) })}</button>
              </span>
            )}
          </li>
        ))}
      </ul>
      {all && all.length === 0 && <p className="empty">{t('kb.categories.none')}</p>}
      {manage && (
        <form onSubmit={add} className="form-row" noValidate>
          <TextField label={t('kb.categories.name')} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} error={fieldError(error, 'name')} required />
          <SelectField label={t('kb.categories.parent')} value={form.parentId} onChange={(e) => setForm({ ...form, parentId: e.target.value })} options={[['', t('kb.categories.topLevel')], ...tree.map(([x, d]) => [x.id, `${'— '.repeat(d)}${nameOf(x)}`] as const)]} />
          <div className="actions"><button type="submit" className="primary">{t('kb.categories.add')}</button></div>
        </form>
      )}
    </section>
  );
}
