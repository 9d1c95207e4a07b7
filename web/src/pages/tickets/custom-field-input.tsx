import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketField } from '../../api/tickets.ts';

type Value = string | number | boolean | null | undefined;

/** One custom field, as the control its type calls for: text, number, date, dropdown or checkbox. */
export function CustomFieldInput({ field, value, onChange, disabled, error }: { field: TicketField; value: Value; onChange: (v: Value) => void; disabled?: boolean; error?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const label = `${field.label}${field.required ? ' *' : ''}`;
  const errorEl = error ? <p id={`${id}-error`} className="field-error">{error}</p> : null;
  const common = { id, disabled, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-error` : undefined, 'aria-required': field.required || undefined } as const;
  if (field.type === 'checkbox') {
    return (
      <div className="field">
        <label className="check" htmlFor={id}>
          <input type="checkbox" {...common} checked={value === true} onChange={(e) => onChange(e.target.checked)} />
          {label}
        </label>
        {errorEl}
      </div>
    );
  }
  if (field.type === 'dropdown') {
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <select {...common} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value || null)}>
          <option value="">{t('tickets.none')}</option>
          {field.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
        {errorEl}
      </div>
    );
  }
  const type = field.type === 'number' ? 'number' : field.type === 'date' ? 'date' : 'text';
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        {...common}
        type={type}
        value={value === null || value === undefined || typeof value === 'boolean' ? '' : String(value)}
        onChange={(e) => {
          const raw = e.target.value;
          if (raw === '') onChange(null);
          else onChange(field.type === 'number' ? Number(raw) : raw);
        }}
      />
      {errorEl}
    </div>
  );
}
