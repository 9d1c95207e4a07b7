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
import { WebhooksPage } from './pages/admin/webhooks-page.tsx';
import { WebhookDeliveriesPage } from './pages/admin/webhooks-deliveries-page.tsx';
import { BusinessHoursPage } from './pages/admin/business-hours-page.tsx';
import { SlaPoliciesPage } from './pages/admin/sla-policies-page.tsx';
import { TicketSlaPage } from './pages/tickets/sla-panel.tsx';
import { InvitePage } from './pages/invite-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { CustomerPage } from './pages/customers/customer-page.tsx';
import { CustomersPage } from './pages/customers/customers-page.tsx';
import { ConversationPage } from './pages/desk/conversation-page.tsx';
import { DeskPage } from './pages/desk/desk-page.tsx';
import { HomeRedirect, NotFoundPage, SupervisorPage } from './pages/placeholder-pages.tsx';
import { ProfilePage } from './pages/profile/profile-page.tsx';
import { TicketsPage } from './pages/tickets/tickets-page.tsx';
import { TicketPage } from './pages/tickets/ticket-page.tsx';
import { TicketFieldsPage } from './pages/admin/ticket-fields-page.tsx';
import { MacrosPage } from './pages/admin/macros-page.tsx';
import { SearchPage } from './pages/search/search-page.tsx';
import { AtRiskPage } from './pages/customers/at-risk-page.tsx';
import { ImportOrdersPage } from './pages/orders/import-orders-page.tsx';
import { SegmentsPage } from './pages/segments/segments-page.tsx';
import { SegmentEditorPage } from './pages/segments/segment-editor-page.tsx';

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
        <Route path="customers/at-risk" element={<RequirePermission permission="customers.read"><AtRiskPage /></RequirePermission>} />
        <Route path="customers/import-orders" element={<RequirePermission permission="orders.manage"><ImportOrdersPage /></RequirePermission>} />
        <Route path="segments" element={<RequirePermission permission="customers.read"><SegmentsPage /></RequirePermission>} />
        <Route path="segments/:id" element={<RequirePermission permission="customers.read"><SegmentEditorPage /></RequirePermission>} />
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
          <Route path="ticket-fields" element={<RequirePermission permission="tickets.configure"><TicketFieldsPage /></RequirePermission>} />
          <Route path="macros" element={<RequirePermission permission="tickets.read"><MacrosPage /></RequirePermission>} />
          <Route path="webhooks" element={<RequirePermission permission="webhooks.manage"><WebhooksPage /></RequirePermission>} />
          <Route path="webhooks/:id" element={<RequirePermission permission="webhooks.manage"><WebhookDeliveriesPage /></RequirePermission>} />
          <Route path="business-hours" element={<RequirePermission permission="sla.read"><BusinessHoursPage /></RequirePermission>} />
          <Route path="sla-policies" element={<RequirePermission permission="sla.read"><SlaPoliciesPage /></RequirePermission>} />
        </Route>
        <Route path="tickets/:id/sla" element={<RequirePermission permission="tickets.read"><TicketSlaPage /></RequirePermission>} />
        <Route path="tickets" element={<RequirePermission permission="tickets.read"><TicketsPage /></RequirePermission>} />
        <Route path="tickets/macros" element={<RequirePermission permission="tickets.read"><section className="panel"><MacrosPage /></section></RequirePermission>} />
        <Route path="tickets/:id" element={<RequirePermission permission="tickets.read"><TicketPage /></RequirePermission>} />
        <Route path="search" element={<SearchPage />} />
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
