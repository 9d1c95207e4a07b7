import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { invitationsApi, type InvitationLookup } from '../api/endpoints.ts';
import { useStartSession } from '../auth/auth-context.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { fieldError } from '../components/errors.ts';
import { TextField } from '../components/fields.tsx';
import { LanguageSelect } from '../components/language-select.tsx';
import { hasNewPasswordProblems, NewPasswordFields, newPasswordProblems, type NewPasswordProblems } from '../components/new-password-fields.tsx';
import { currentLanguage, setLanguage } from '../i18n/index.ts';
import { storeLanguage, type Language } from '../i18n/languages.ts';
import { useFormatDate } from '../lib/format.ts';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { AuthCard } from './auth-card.tsx';
import { SubmitRow } from '../components/submit-row.tsx';

const FIELDS = ['name', 'password', 'language'] as const;

export function InvitePage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const startSession = useStartSession(t('common.genericError'));
  const formatDate = useFormatDate();
  const [lookup, setLookup] = useState<InvitationLookup | null>(null);
  const [lookupError, setLookupError] = useState<unknown>(null);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [language, setLang] = useState<Language>(currentLanguage());
  const [local, setLocal] = useState<NewPasswordProblems>({});
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  useDocumentTitle(t('invite.submit'));

  useEffect(() => {
    let live = true;
    invitationsApi.lookup(token).then(
      (data) => {
        if (!live) return;
        setLookup(data);
        setName(data.name);
      },
      (err: unknown) => live && setLookupError(err),
    );
    return () => {
      live = false;
    };
  }, [token]);

  function changeLanguage(next: Language) {
    setLang(next);
    storeLanguage(next);
    void setLanguage(next);
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const problems = newPasswordProblems(password, confirm, t);
    setLocal(problems);
    if (hasNewPasswordProblems(problems)) return;
    setPending(true);
    setError(null);
    try {
      await startSession(() => invitationsApi.accept(token, { password, name: name.trim() || undefined, language }));
    } catch (err) {
      setError(err);
      setPending(false);
    }
  }

  if (lookupError) {
    return (
      <AuthCard>
        <h1>{t('invite.unavailable')}</h1>
        <ErrorAlert error={lookupError} />
        <p>
          <Link to="/login">{t('invite.goToSignIn')}</Link>
        </p>
      </AuthCard>
    );
  }
  if (!lookup) {
    return (
      <AuthCard>
        <p role="status">{t('common.loading')}</p>
      </AuthCard>
    );
  }

  return (
    <AuthCard>
      <h1 id="invite-title">{t('invite.title', { workspace: lookup.workspace })}</h1>
      <p>{t('invite.intro', { email: lookup.email })}</p>
      <p className="hint">{t('invite.expires', { date: formatDate(lookup.expiresAt) })}</p>
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="invite-title">
        <ErrorAlert error={error} fields={FIELDS} />
        <TextField
          label={t('invite.name')}
          name="name"
          autoComplete="name"
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fieldError(error, 'name')}
        />
        <input type="email" name="username" autoComplete="username" value={lookup.email} readOnly hidden />
        <NewPasswordFields
          passwordLabel={t('invite.password')}
          confirmLabel={t('invite.confirm')}
          passwordName="password"
          confirmName="confirm"
          password={password}
          confirm={confirm}
          onPasswordChange={(e) => setPassword(e.target.value)}
          onConfirmChange={(e) => setConfirm(e.target.value)}
          serverError={fieldError(error, 'password')}
          problems={local}
        />
        <LanguageSelect value={language} onChange={changeLanguage} />
        <SubmitRow label={t('invite.submit')} pendingLabel={t('invite.submitting')} pending={pending} />
      </form>
    </AuthCard>
  );
}
