import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../src/contracts/auth.ts';
import { usersApi } from '../../api/endpoints.ts';
import { CopyField } from '../../components/copy-field.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { fieldError } from '../../components/errors.ts';
import { SelectField, TextField } from '../../components/fields.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useFormatDate } from '../../lib/format.ts';

export const roleList: readonly Role[] = ['admin', 'supervisor', 'agent'];
const FIELDS = ['email', 'name', 'role', 'teamIds'] as const;

interface Created {
  email: string;
  link: string;
  expiresAt: string;
}

function absolute(link: string): string {
  return link.startsWith('/') ? `${window.location.origin}${link}` : link;
}

export function InviteUserForm({ onInvited }: { onInvited: () => void }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<Created | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(null);
    setCreated(null);
    try {
      const res = await usersApi.invite({ email: email.trim(), name: name.trim(), role, teamIds: [] });
      setCreated({ email: res.invitation.email, link: absolute(res.link), expiresAt: res.invitation.expiresAt });
      setEmail('');
      setName('');
      setRole('agent');
      onInvited();
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  return (
    <section className="subpanel" aria-labelledby="invite-user-title">
      <h3 id="invite-user-title">{t('users.inviteTitle')}</h3>
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="invite-user-title" className="inline-form">
        <ErrorAlert error={error} fields={FIELDS} />
        <div className="form-row">
          <TextField
            label={t('users.email')}
            name="email"
            type="email"
            autoComplete="off"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={fieldError(error, 'email')}
          />
          <TextField
            label={t('users.name')}
            name="name"
            autoComplete="off"
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={fieldError(error, 'name')}
          />
          <SelectField
            label={t('users.role')}
            name="role"
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            options={roleList.map((r) => [r, t(`roles.${r}`)] as const)}
            error={fieldError(error, 'role')}
          />
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={pending}>
            {t('users.inviteSubmit')}
          </button>
        </div>
      </form>
      <StatusMessage>{created ? t('users.inviteCreated') : null}</StatusMessage>
      {created && (
        <div className="created-box">
          <CopyField label={t('users.inviteLink')} value={created.link} />
          <p className="hint">
            {t('users.inviteLinkHint', { email: created.email, date: formatDate(created.expiresAt) })}
          </p>
        </div>
      )}
    </section>
  );
}
