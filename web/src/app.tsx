import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { AuthProvider } from './auth/auth-context.tsx';
import { AppFrame } from './layout/app-frame.tsx';
import { AuthGate } from './layout/auth-gate.tsx';
import { RequirePermission } from './layout/require-permission.tsx';
import { AdminIndex, AdminPage } from './pages/admin/admin-page.tsx';
import { AuditPage } from './pages/admin/audit-page.tsx';
import { TeamsPage } from './pages/admin/teams-page.tsx';
import { TokensPage } from './pages/admin/tokens-page.tsx';
import { UsersPage } from './pages/admin/users-page.tsx';
import { InvitePage } from './pages/invite-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { CustomerPage } from './pages/customers/customer-page.tsx';
import { CustomersPage } from './pages/customers/customers-page.tsx';
import { ConversationPage } from './pages/desk/conversation-page.tsx';
import { DeskPage } from './pages/desk/desk-page.tsx';
import { HomeRedirect, NotFoundPage, SupervisorPage } from './pages/placeholder-pages.tsx';
import { ProfilePage } from './pages/profile/profile-page.tsx';

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/invite/:token" element={<InvitePage />} />
      <Route
        element={
          <AuthGate>
            <AppFrame />
          </AuthGate>
        }
      >
        <Route index element={<HomeRedirect />} />
        <Route
          path="desk"
          element={
            <RequirePermission permission="desk.use">
              <RequirePermission permission="conversations.read">
                <DeskPage />
              </RequirePermission>
            </RequirePermission>
          }
        />
        <Route
          path="desk/conversations/:id"
          element={
            <RequirePermission permission="desk.use">
              <RequirePermission permission="conversations.read">
                <ConversationPage />
              </RequirePermission>
            </RequirePermission>
          }
        />
        <Route
          path="customers"
          element={
            <RequirePermission permission="customers.read">
              <CustomersPage />
            </RequirePermission>
          }
        />
        <Route
          path="customers/:id"
          element={
            <RequirePermission permission="customers.read">
              <CustomerPage />
            </RequirePermission>
          }
        />
        <Route
          path="supervisor"
          element={
            <RequirePermission permission="supervise.view">
              <SupervisorPage />
            </RequirePermission>
          }
        />
        <Route
          path="admin"
          element={
            <RequirePermission permission="admin.view">
              <AdminPage />
            </RequirePermission>
          }
        >
          <Route index element={<AdminIndex />} />
          <Route path="users" element={<RequirePermission permission="users.read"><UsersPage /></RequirePermission>} />
          <Route path="teams" element={<RequirePermission permission="teams.read"><TeamsPage /></RequirePermission>} />
          <Route path="tokens" element={<RequirePermission permission="tokens.manage"><TokensPage /></RequirePermission>} />
          <Route path="audit" element={<RequirePermission permission="audit.read"><AuditPage /></RequirePermission>} />
        </Route>
        <Route path="profile" element={<ProfilePage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <AuthProvider>
        <AppRoutes />
      </AuthProvider>
    </BrowserRouter>
  );
}
