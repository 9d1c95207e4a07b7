import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { meApi } from '../../api/endpoints.ts';
import { useMe } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { fieldError } from '../../components/errors.ts';
import { TextField } from '../../components/fields.tsx';
import { hasNewPasswordProblems, NewPasswordFields, newPasswordProblems, type NewPasswordProblems } from '../../components/new-password-fields.tsx';
import { StatusMessage } from '../../components/status-message.tsx';

const FIELDS = ['currentPassword', 'newPassword'] as const;

export function PasswordForm({ onChanged }: { onChanged?: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [local, setLocal] = useState<NewPasswordProblems>({});
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setDone(false);
    const problems = newPasswordProblems(next, confirm, t);
    setLocal(problems);
    if (hasNewPasswordProblems(problems)) return;
    setPending(true);
    setError(null);
    try {
      await meApi.changePassword({ currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      setConfirm('');
      setDone(true);
      onChanged?.();
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="password-title">
      <h2 id="password-title">{t('profile.passwordTitle')}</h2>
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="password-title">
        <input type="email" name="username" autoComplete="username" value={me.user.email} hidden readOnly />
        <ErrorAlert error={error} fields={FIELDS} />
        <TextField
          label={t('profile.currentPassword')}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          error={fieldError(error, 'currentPassword')}
        />
        <NewPasswordFields
          passwordLabel={t('profile.newPassword')}
          confirmLabel={t('profile.confirmPassword')}
          passwordName="newPassword"
          confirmName="confirmPassword"
          password={next}
          confirm={confirm}
          onPasswordChange={(e) => setNext(e.target.value)}
          onConfirmChange={(e) => setConfirm(e.target.value)}
          serverError={fieldError(error, 'newPassword')}
          problems={local}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={pending}>
            {t('profile.changePassword')}
          </button>
        </div>
      </form>
      <StatusMessage>{done ? t('profile.passwordChanged') : null}</StatusMessage>
    </section>
  );
}
