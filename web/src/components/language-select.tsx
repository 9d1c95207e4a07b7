import { useTranslation } from 'react-i18next';
import { languageNames, supportedLanguages, type Language } from '../i18n/languages.ts';
import { SelectField } from './fields.tsx';

const options = supportedLanguages.map((l) => [l, languageNames[l], l] as const);

interface Props {
  value: Language;
  onChange: (language: Language) => void;
  label?: string;
  id?: string;
}

/** A picker listing each language by its own name, each option marked with its lang. */
export function LanguageSelect({ value, onChange, label, id }: Props) {
  const { t } = useTranslation();
  return (
    <SelectField
      id={id}
      label={label ?? t('common.language')}
      value={value}
      onChange={(e) => onChange(e.target.value as Language)}
      options={options}
    />
  );
}
