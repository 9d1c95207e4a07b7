import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { categoryTree, kbApi, type KbArticleSummary, type KbCategory, type KbVisibility } from '../../api/kb.ts';
import { fieldError } from '../../components/errors.ts';
import { SelectField, TextField } from '../../components/fields.tsx';

export interface KbSettings {
  categoryId: string | null;
  visibility: KbVisibility;
  tags: string[];
  relatedIds: string[];
}

interface Props {
  value: KbSettings;
  onChange: (s: KbSettings) => void;
  /** Absent for a new article: its settings are saved with its first text. */
  onSave?: (e: FormEvent) => void;
  articleId?: string;
  disabled: boolean;
  error: unknown;
}

/** Category, visibility, tags and related articles of one article. */
export function ArticleSettings({ value, onChange, onSave, articleId, disabled, error }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [categories, setCategories] = useState<KbCategory[]>([]);
  const [others, setOthers] = useState<KbArticleSummary[]>([]);
  const [tagsText, setTagsText] = useState(value.tags.join(', '));
  useEffect(() => setTagsText(value.tags.join(', ')), [value.tags]);
  useEffect(() => {
    kbApi.categories().then(setCategories, () => setCategories([]));
    kbApi.articles({}, null, 200).then((p) => setOthers(p.items.filter((a) => a.id !== articleId)), () => setOthers([]));
  }, [articleId]);

  const titleOf = (a: KbArticleSummary) => (a.translations.find((x) => x.language === i18n.language) ?? a.translations.find((x) => x.language === 'en') ?? a.translations[0])?.title ?? a.id;
  const byId = new Map(others.map((a) => [a.id, a]));

  return (
    <form className="panel" aria-labelledby={`${id}-title`} onSubmit={(e) => onSave?.(e)} noValidate>
      <h2 id={`${id}-title`}>{t('kb.editor.settings')}</h2>
      <SelectField
        label={t('kb.category')}
        value={value.categoryId ?? ''}
        disabled={disabled}
        error={fieldError(error, 'categoryId')}
        onChange={(e) => onChange({ ...value, categoryId: e.target.value || null })}
        options={[['', t('kb.noCategory')], ...categoryTree(categories).map(([c, depth]) => [c.id, `${'— '.repeat(depth)}${c.names[i18n.language] ?? c.name}`] as const)]}
      />
      <SelectField
        label={t('kb.visibility')}
        value={value.visibility}
        disabled={disabled}
        onChange={(e) => onChange({ ...value, visibility: e.target.value as KbVisibility })}
        options={[['public', t('kb.visibilities.public')], ['internal', t('kb.visibilities.internal')]]}
      />
      <TextField
        label={t('kb.editor.tags')}
        hint={t('kb.editor.tagsHint')}
        value={tagsText}
        disabled={disabled}
        error={fieldError(error, 'tags')}
        onChange={(e) => setTagsText(e.target.value)}
        onBlur={() => onChange({ ...value, tags: tagsText.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean) })}
      />
      <fieldset>
        <legend>{t('kb.editor.related')}</legend>
        <ul>
          {value.relatedIds.map((rid) => {
            const a = byId.get(rid);
            const title = a ? titleOf(a) : rid;
            return (
              <li key={rid}>
                {title}{' '}
                <button type="button" disabled={disabled} aria-label={t('kb.editor.removeRelated', { title })} onClick={() => onChange({ ...value, relatedIds: value.relatedIds.filter((x) => x !== rid) })}>×</button>
              </li>
            );
          })}
        </ul>
        <SelectField
          label={t('kb.editor.addRelated')}
          value=""
          disabled={disabled}
          onChange={(e) => e.target.value && onChange({ ...value, relatedIds: [...value.relatedIds, e.target.value] })}
          options={[['', t('kb.editor.choose')], ...others.filter((a) => !value.relatedIds.includes(a.id)).map((a) => [a.id, titleOf(a)] as const)]}
        />
      </fieldset>
      {onSave && (
        <div className="actions">
          <button type="submit" disabled={disabled}>{t('kb.editor.saveSettings')}</button>
        </div>
      )}
    </form>
  );
}
