import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { meApi } from '../../api/endpoints.ts';
import { useAuth, useMe } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { fieldError } from '../../components/errors.ts';
import { TextField } from '../../components/fields.tsx';
import { LanguageSelect } from '../../components/language-select.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { setLanguage } from '../../i18n/index.ts';
import { isLanguage, storeLanguage, type Language } from '../../i18n/languages.ts';

const FIELDS = ['name', 'language'] as const;

/** Name and language. Saving a new language switches the UI at once. */
export function ProfileDetailsForm() {
  const { t } = useTranslation();
  const { refresh } = useAuth();
  const me = useMe();
  const [name, setName] = useState(me.user.name);
  const [language, setLang] = useState<Language>(isLanguage(me.user.language) ? me.user.language : 'en');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(null);
    setSaved(false);
    try {
      await meApi.update({ name: name.trim(), language });
      storeLanguage(language);
      await setLanguage(language);
      await refresh();
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="profile-details-title">
      <h2 id="profile-details-title">{t('profile.detailsTitle')}</h2>
      <p className="muted">
        {me.user.email} · {t(`roles.${me.user.role}`)} · {me.tenant.name}
      </p>
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="profile-details-title">
        <ErrorAlert error={error} fields={FIELDS} />
        <TextField
          label={t('profile.name')}
          name="name"
          autoComplete="name"
          required
          maxLength={120}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fieldError(error, 'name')}
        />
        <LanguageSelect label={t('profile.language')} value={language} onChange={setLang} />
        <div className="actions">
          <button type="submit" className="primary" disabled={pending}>
            {t('profile.save')}
          </button>
        </div>
      </form>
      <StatusMessage>{saved ? t('profile.saved') : null}</StatusMessage>
    </section>
  );
}
