import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { routingApi } from '../../api/routing.ts';
import { useFormatDate } from '../../lib/format.ts';
import { useUsers } from '../../lib/lookups.ts';

interface Version {
  version: number;
  rules: number;
  createdAt: string | null;
  createdBy: string | null;
}

/** Every saved version of the workflow, newest first (re-read after each save). */
export function WorkflowVersions({ latest }: { latest: number }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const users = useUsers();
  const [versions, setVersions] = useState<Version[]>([]);
  useEffect(() => {
    let active = true;
    routingApi.workflowVersions().then(
      (l) => active && setVersions(l.items as unknown as Version[]),
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [latest]);
  if (!versions.length) return null;
  const who = (id: string | null) => (id ? (users.find((u) => u.id === id)?.name ?? '…') : t('routing.seeded'));
  return (
    <details className="subpanel">
      <summary>{t('routing.versionsTitle', { n: versions.length })}</summary>
      <ol className="plain-list">
        {versions.map((v) => (
          <li key={v.version}>{t('routing.versionItem', { version: v.version, rules: v.rules, at: formatDate(v.createdAt), by: who(v.createdBy) })}</li>
        ))}
      </ol>
    </details>
  );
}
