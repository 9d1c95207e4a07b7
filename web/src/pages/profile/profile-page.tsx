import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { PasswordForm } from './password-form.tsx';
import { ProfileDetailsForm } from './profile-details-form.tsx';
import { SessionsList } from './sessions-list.tsx';

export function ProfilePage() {
  const { t } = useTranslation();
  const [sessionsVersion, setSessionsVersion] = useState(0);
  useDocumentTitle(t('profile.title'));
  return (
    <div className="profile">
      <h1>{t('profile.title')}</h1>
      <ProfileDetailsForm />
      <PasswordForm onChanged={() => setSessionsVersion((v) => v + 1)} />
      <SessionsList refreshKey={sessionsVersion} />
    </div>
  );
}
