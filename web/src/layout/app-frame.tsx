import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { homePath, useAuth, useMe } from '../auth/auth-context.tsx';
import { RealtimeProvider } from '../lib/use-realtime.tsx';
import { areas } from './areas.ts';
import { ConnectionStatus } from './connection-status.tsx';
import { ShortcutsDialog, type ShortcutHelp } from './shortcuts-dialog.tsx';
import { useShortcuts, type ShortcutTarget } from './use-shortcuts.ts';
import { deskShortcutHelp } from '../pages/desk/chat/use-desk-keys.ts';
import { SEARCH_BOX_ID } from '../pages/search/search-page.tsx';
import { AgentStatus } from '../pages/routing/agent-status.tsx';
import { OfferPopup } from '../pages/routing/offer-popup.tsx';

/** The signed-in frame, with its one realtime connection. */
export function AppFrame() {
  return (
    <RealtimeProvider>
      <Frame />
    </RealtimeProvider>
  );
}

/** Skip link, header with nav, connection status and user menu, and the page. */
function Frame() {
  const { t } = useTranslation();
  const { can, signOut } = useAuth();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const [helpOpen, setHelpOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);

  const allowed = useMemo(() => areas.filter((a) => can(a.permission)), [can]);
  const targets = useMemo<ShortcutTarget[]>(
    () => [...allowed.map((a) => ({ key: a.shortcut, path: a.path })), { key: 'p', path: '/profile' }],
    [allowed],
  );
  const help = useMemo<ShortcutHelp[]>(() => {
    const describe = {
      d: t('shortcuts.goDesk'),
      t: t('tickets.shortcut'),
      c: t('shortcuts.goCustomers'),
      s: t('shortcuts.goSupervisor'),
      a: t('shortcuts.goAdmin'),
      p: t('shortcuts.goProfile'),
      f: t('search.goSearch'),
      e: t('segments.shortcut'),
      q: t('routing.goQueue'),
      w: t('wallboard.nav'),
      b: t('flows.nav'),
      k: t('kb.goKb'),
    };
    return [
      ...targets.map((x) => ({ keys: ['g', x.key], description: describe[x.key as keyof typeof describe] })),
      ...(can('conversations.manage') ? [{ keys: ['Ctrl', 'Enter'], together: true, description: t('shortcuts.send') }] : []),
      ...(can('customers.read') ? [{ keys: ['/'], description: t('search.shortcut') }] : []),
      ...(can('routing.work') ? [{ keys: ['A'], description: t('routing.shortcutAccept') }, { keys: ['R'], description: t('routing.shortcutReject') }] : []),
      ...(can('desk.use') ? deskShortcutHelp(t) : []),
      { keys: ['?'], description: t('shortcuts.help') },
      { keys: ['Esc'], description: t('shortcuts.close') },
    ];
  }, [targets, t, can]);

  const openHelp = useCallback(() => setHelpOpen(true), []);
  // "/" focuses the search box, on the search page or after going there (it focuses itself).
  const openSearch = useCallback(() => {
    const box = document.getElementById(SEARCH_BOX_ID);
    if (box) box.focus();
    else navigate('/search');
  }, [navigate]);
  useShortcuts(targets, navigate, openHelp, can('customers.read') ? openSearch : undefined);

  // Leaving a page by shortcut closes the dialog.
  useEffect(() => setHelpOpen(false), [location.pathname]);

  async function onSignOut() {
    setSigningOut(true);
    try {
      await signOut();
    } catch {
      // The server could not be reached; the local session state is cleared all the same.
    }
    navigate('/login', { replace: true });
  }

  return (
    <div className="frame">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('frame.skip')}
      </a>
      <header className="app-header">
        <div className="brand">
          <Link to={homePath(me.user.role)} className="brand-name">
            Switchboard
          </Link>
          <span className="tenant-name">{me.tenant.name}</span>
        </div>
        <nav aria-label={t('frame.mainNav')} className="main-nav">
          <ul>
            {allowed.map((a) => (
              <li key={a.path}>
                {/* One current area: on the wallboard (under /supervisor) only the wallboard is current. */}
                <NavLink to={a.path} end={allowed.some((b) => b.path !== a.path && b.path.startsWith(`${a.path}/`) && (location.pathname === b.path || location.pathname.startsWith(`${b.path}/`)))}>
                  {t(a.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="user-menu" role="group" aria-label={t('frame.userMenu')}>
          <ConnectionStatus />
          <AgentStatus />
          <span className="user-name" title={t('frame.signedInAs', { name: me.user.name })}>
            {me.user.name}
          </span>
          <NavLink to="/profile">{t('frame.profile')}</NavLink>
          <button type="button" className="link-button" onClick={openHelp} aria-keyshortcuts="?">
            {t('frame.shortcuts')}
          </button>
          <button type="button" onClick={() => void onSignOut()} disabled={signingOut}>
            {t('frame.signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="content">
        {/* Pages load on first visit; the frame (and its realtime connection) stays while they do. */}
        <Suspense fallback={<p className="hint" role="status">{t('common.loading')}</p>}>
          <Outlet />
        </Suspense>
      </main>
      <OfferPopup />
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} shortcuts={help} />
    </div>
  );
}
