import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
import { useAuth } from '../../auth/auth-context.tsx';

/** The knowledge base area's tabs. */
export function KbTabs() {
  const { t } = useTranslation();
  const { can } = useAuth();
  return (
    <nav className="tabs" aria-label={t('kb.tabsLabel')}>
      <ul>
        <li><NavLink to="/kb" end>{t('kb.tabs.articles')}</NavLink></li>
        <li><NavLink to="/kb/categories">{t('kb.tabs.categories')}</NavLink></li>
        {can('kb.manage') && <li><NavLink to="/kb/import">{t('kb.tabs.importExport')}</NavLink></li>}
      </ul>
    </nav>
  );
}

/** Not while typing: single-key shortcuts stay out of inputs and the editor. */
export function isTyping(e: KeyboardEvent): boolean {
  const target = e.target as HTMLElement | null;
  return !!target && (/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable);
}
