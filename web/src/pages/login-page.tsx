import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router-dom';
import { authApi } from '../api/endpoints.ts';
import { homePath, useAuth, useStartSession } from '../auth/auth-context.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { fieldError } from '../components/errors.ts';
import { TextField } from '../components/fields.tsx';
import { LanguageSelect } from '../components/language-select.tsx';
import { currentLanguage, setLanguage } from '../i18n/index.ts';
import { storeLanguage, type Language } from '../i18n/languages.ts';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { AuthCard } from './auth-card.tsx';
import { SubmitRow } from '../components/submit-row.tsx';

const FIELDS = ['workspace', 'email', 'password'] as const;

export function LoginPage() {
  const { t } = useTranslation();
  const { state } = useAuth();
  const startSession = useStartSession(t('common.genericError'));
  const [workspace, setWorkspace] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useDocumentTitle(t('login.submit'));

  if (state.status === 'authenticated' && !pending) {
    return <Navigate to={homePath(state.me.user.role)} replace />;
  }

  function changeLanguage(language: Language) {
    storeLanguage(language);
    void setLanguage(language);
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      await startSession(() => authApi.login({ email: email.trim(), password, workspace: workspace.trim() || undefined }));
    } catch (err) {
      setError(err);
      setPending(false);
    }
  }

  return (
    <AuthCard>
      <h1 id="login-title">{t('login.title')}</h1>
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="login-title">
        <ErrorAlert error={error} fields={FIELDS} />
        <TextField
          label={t('login.workspace')}
          name="workspace"
          autoComplete="organization"
          hint={t('login.workspaceHint')}
          value={workspace}
          onChange={(e) => setWorkspace(e.target.value)}
          error={fieldError(error, 'workspace')}
        />
        <TextField
          label={t('login.email')}
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fieldError(error, 'email')}
        />
        <TextField
          label={t('login.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldError(error, 'password')}
        />
        <SubmitRow label={t('login.submit')} pendingLabel={t('login.submitting')} pending={pending} />
      </form>
      <div className="language-picker">
        <LanguageSelect value={currentLanguage()} onChange={changeLanguage} />
      </div>
    </AuthCard>
  );
}
