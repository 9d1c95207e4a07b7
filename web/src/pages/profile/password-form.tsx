import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { meApi } from '../../api/endpoints.ts';
import { useMe } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { fieldError } from '../../components/errors.ts';
import { TextField } from '../../components/fields.tsx';
import { StatusMessage } from '../../components/status-message.tsx';

const FIELDS = ['currentPassword', 'newPassword'] as const;
const MIN_PASSWORD = 10;

export function PasswordForm({ onChanged }: { onChanged?: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [local, setLocal] = useState<{ next?: string; confirm?: string }>({});
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setDone(false);
    const problems: typeof local = {};
    if (next.length < MIN_PASSWORD) problems.next = t('common.tooShort');
    if (confirm !== next) problems.confirm = t('common.mismatch');
    setLocal(problems);
    if (problems.next || problems.confirm) return;
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
        <TextField
          label={t('profile.newPassword')}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD}
          hint={t('common.passwordHint')}
          value={next}
          onChange={(e) => setNext(e.target.value)}
          error={local.next ?? fieldError(error, 'newPassword')}
        />
        <TextField
          label={t('profile.confirmPassword')}
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          error={local.confirm}
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
