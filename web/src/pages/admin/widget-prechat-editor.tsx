import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrechatField, PrechatOption } from '../../../../src/contracts/widget.ts';
import { SelectField, TextField } from '../../components/fields.tsx';
import { issuesAt, LocalizedFields } from './widget-localized-fields.tsx';

const TYPES = ['text', 'email', 'tel', 'select'] as const;
const MAX_FIELDS = 10;
const MAX_OPTIONS = 20;

function move<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [x] = next.splice(from, 1);
  next.splice(to, 0, x!);
  return next;
}

function OptionsEditor(props: { field: PrechatField; path: string; error: unknown; onChange(options: PrechatOption[]): void }) {
  const { t } = useTranslation();
  const options = props.field.options ?? [];
  const set = (i: number, o: PrechatOption) => props.onChange(options.map((x, j) => (j === i ? o : x)));
  return (
    <fieldset className="prechat-options">
      <legend>{t('widgetSettings.options', { name: props.field.key })}</legend>
      {options.map((o, i) => (
        <div className="prechat-option" key={i}>
          <TextField
            label={`${t('widgetSettings.option', { n: i + 1 })}: ${t('widgetSettings.optionValue')}`}
            value={o.value}
            maxLength={40}
            hint={t('widgetSettings.optionValueHint')}
            error={issuesAt(props.error, `${props.path}.options.${i}.value`)}
            onChange={(e) => set(i, { ...o, value: e.target.value })}
          />
          <LocalizedFields legend={`${t('widgetSettings.option', { n: i + 1 })}: ${t('widgetSettings.label')}`} value={o.label} maxLength={200} error={issuesAt(props.error, `${props.path}.options.${i}.label`)} onChange={(label) => set(i, { ...o, label })} />
          <button type="button" className="danger" onClick={() => props.onChange(options.filter((_, j) => j !== i))}>
            {t('widgetSettings.removeOption', { name: o.value || i + 1 })}
          </button>
        </div>
      ))}
      {issuesAt(props.error, `${props.path}.options`, true) && <p className="field-error">{issuesAt(props.error, `${props.path}.options`, true)}</p>}
      <button type="button" disabled={options.length >= MAX_OPTIONS} onClick={() => props.onChange([...options, { value: '', label: {} }])}>
        {t('widgetSettings.addOption')}
      </button>
    </fieldset>
  );
}

/** The pre-chat form's fields: add, remove, reorder; type, required, labels per language; a select's options and tag flag. */
export function PrechatEditor(props: { fields: PrechatField[]; error: unknown; onChange(fields: PrechatField[]): void }) {
  const { t } = useTranslation();
  const id = useId();
  const { fields } = props;
  const set = (i: number, f: PrechatField) => props.onChange(fields.map((x, j) => (j === i ? f : x)));
  const setType = (i: number, type: PrechatField['type']) => {
    const { options: _o, tag: _t, ...rest } = fields[i]!;
    set(i, type === 'select' ? { ...rest, type, options: fields[i]!.options ?? [{ value: '', label: {} }] } : { ...rest, type });
  };
  const name = (f: PrechatField, i: number) => f.key || String(i + 1);
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('widgetSettings.prechat')}</h2>
      <p className="hint">{t('widgetSettings.prechatIntro')}</p>
      {fields.length === 0 && <p className="empty">{t('widgetSettings.noFields')}</p>}
      <ol className="prechat-fields">
        {fields.map((f, i) => {
          const path = `prechatFields.${i}`;
          return (
            <li key={i}>
              <fieldset>
                <legend>{t('widgetSettings.field', { n: i + 1, name: f.key })}</legend>
                <div className="form-row">
                  <TextField label={t('widgetSettings.key')} value={f.key} maxLength={40} hint={t('widgetSettings.keyHint')} error={issuesAt(props.error, `${path}.key`)} onChange={(e) => set(i, { ...f, key: e.target.value })} />
                  <SelectField
                    label={t('widgetSettings.type')}
                    value={f.type}
                    options={TYPES.map((x) => [x, t(`widgetSettings.types.${x}`)] as const)}
                    error={issuesAt(props.error, `${path}.type`)}
                    onChange={(e) => setType(i, e.target.value as PrechatField['type'])}
                  />
                  <div className="field">
                    <label className="check">
                      <input type="checkbox" checked={f.required} onChange={(e) => set(i, { ...f, required: e.target.checked })} /> {t('widgetSettings.required')}
                    </label>
                  </div>
                </div>
                <LocalizedFields legend={t('widgetSettings.label')} value={f.label} maxLength={200} error={issuesAt(props.error, `${path}.label`)} onChange={(label) => set(i, { ...f, label })} />
                {f.type === 'select' && (
                  <>
                    <OptionsEditor field={f} path={path} error={props.error} onChange={(options) => set(i, { ...f, options })} />
                    <div className="field">
                      <label className="check">
                        <input type="checkbox" checked={!!f.tag} onChange={(e) => set(i, { ...f, tag: e.target.checked || undefined })} /> {t('widgetSettings.tag')}
                      </label>
                      {issuesAt(props.error, `${path}.tag`) && <p className="field-error">{issuesAt(props.error, `${path}.tag`)}</p>}
                    </div>
                  </>
                )}
                <div className="actions">
                  <button type="button" disabled={i === 0} onClick={() => props.onChange(move(fields, i, i - 1))}>
                    {t('widgetSettings.moveUp', { name: name(f, i) })}
                  </button>
                  <button type="button" disabled={i === fields.length - 1} onClick={() => props.onChange(move(fields, i, i + 1))}>
                    {t('widgetSettings.moveDown', { name: name(f, i) })}
                  </button>
                  <button type="button" className="danger" onClick={() => props.onChange(fields.filter((_, j) => j !== i))}>
                    {t('widgetSettings.removeField', { name: name(f, i) })}
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      {issuesAt(props.error, 'prechatFields', true) && <p className="field-error">{issuesAt(props.error, 'prechatFields', true)}</p>}
      <button type="button" disabled={fields.length >= MAX_FIELDS} onClick={() => props.onChange([...fields, { key: '', type: 'text', required: false, label: {} }])}>
        {t('widgetSettings.addField')}
      </button>
    </section>
  );
}
