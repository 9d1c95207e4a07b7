import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet } from 'react-router-dom';
import type { Permission } from '../../../../src/contracts/auth.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';

interface Section {
  path: string;
  permission: Permission;
  label: 'admin.users' | 'admin.teams' | 'admin.tokens' | 'admin.audit' | 'webhooks.title' | 'sla.hoursTitle' | 'sla.policiesTitle' | 'tickets.fieldsTitle' | 'tickets.macrosTitle' | 'routing.queuesTitle' | 'routing.skillsTitle' | 'routing.matrixTitle' | 'routing.workflowTitle' | 'agentDesk.admin.cannedTitle' | 'agentDesk.admin.dispositionsTitle' | 'widgetSettings.title' | 'helpCenter.title' | 'surveys.settingsTitle';
}

export const adminSections: readonly Section[] = [
  { path: 'users', permission: 'users.read', label: 'admin.users' },
  { path: 'teams', permission: 'teams.read', label: 'admin.teams' },
  { path: 'tokens', permission: 'tokens.manage', label: 'admin.tokens' },
  { path: 'audit', permission: 'audit.read', label: 'admin.audit' },
  { path: 'webhooks', permission: 'webhooks.manage', label: 'webhooks.title' },
  { path: 'business-hours', permission: 'sla.read', label: 'sla.hoursTitle' },
  { path: 'sla-policies', permission: 'sla.read', label: 'sla.policiesTitle' },
  { path: 'ticket-fields', permission: 'tickets.configure', label: 'tickets.fieldsTitle' },
  { path: 'macros', permission: 'tickets.share', label: 'tickets.macrosTitle' },
  { path: 'routing-queues', permission: 'routing.configure', label: 'routing.queuesTitle' },
  { path: 'routing-skills', permission: 'routing.configure', label: 'routing.skillsTitle' },
  { path: 'skill-matrix', permission: 'routing.configure', label: 'routing.matrixTitle' },
  { path: 'routing-workflow', permission: 'routing.configure', label: 'routing.workflowTitle' },
  { path: 'canned-responses', permission: 'tickets.share', label: 'agentDesk.admin.cannedTitle' },
  { path: 'dispositions', permission: 'routing.configure', label: 'agentDesk.admin.dispositionsTitle' },
  { path: 'chat-widget', permission: 'inboxes.manage', label: 'widgetSettings.title' },
  { path: 'help-center', permission: 'kb.manage', label: 'helpCenter.title' },
  { path: 'surveys', permission: 'analytics.configure', label: 'surveys.settingsTitle' },
];

/** /admin: the heading, the section tabs and the chosen section. */
export function AdminPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  useDocumentTitle(t('admin.title'));
  const visible = adminSections.filter((s) => can(s.permission));
  return (
    <div className="admin">
      <h1>{t('admin.title')}</h1>
      <nav aria-label={t('admin.sections')} className="tabs">
        <ul>
          {visible.map((s) => (
            <li key={s.path}>
              <NavLink to={`/admin/${s.path}`}>{t(s.label)}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="tab-panel">
        <Suspense fallback={<p className="hint" role="status">{t('common.loading')}</p>}>
          <Outlet />
        </Suspense>
      </div>
    </div>
  );
}

/** /admin on its own opens the first section the user may see. */
export function AdminIndex() {
  const { can } = useAuth();
  const first = adminSections.find((s) => can(s.permission));
  return first ? <Navigate to={`/admin/${first.path}`} replace /> : null;
}
