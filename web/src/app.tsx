import { lazy } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { AuthProvider } from './auth/auth-context.tsx';
import { AppFrame } from './layout/app-frame.tsx';
import { AuthGate } from './layout/auth-gate.tsx';
import { RequirePermission } from './layout/require-permission.tsx';
import { InvitePage } from './pages/invite-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { HomeRedirect, NotFoundPage } from './pages/placeholder-pages.tsx';

// Each area is its own chunk, loaded on first visit (the frame, sign-in and invitation pages are in the main one).
const AdminIndex = lazy(() => import('./pages/admin/admin-page.tsx').then((m) => ({ default: m.AdminIndex })));
const AdminPage = lazy(() => import('./pages/admin/admin-page.tsx').then((m) => ({ default: m.AdminPage })));
const AuditPage = lazy(() => import('./pages/admin/audit-page.tsx').then((m) => ({ default: m.AuditPage })));
const TeamsPage = lazy(() => import('./pages/admin/teams-page.tsx').then((m) => ({ default: m.TeamsPage })));
const TokensPage = lazy(() => import('./pages/admin/tokens-page.tsx').then((m) => ({ default: m.TokensPage })));
const UsersPage = lazy(() => import('./pages/admin/users-page.tsx').then((m) => ({ default: m.UsersPage })));
const WebhooksPage = lazy(() => import('./pages/admin/webhooks-page.tsx').then((m) => ({ default: m.WebhooksPage })));
const WebhookDeliveriesPage = lazy(() => import('./pages/admin/webhooks-deliveries-page.tsx').then((m) => ({ default: m.WebhookDeliveriesPage })));
const BusinessHoursPage = lazy(() => import('./pages/admin/business-hours-page.tsx').then((m) => ({ default: m.BusinessHoursPage })));
const SlaPoliciesPage = lazy(() => import('./pages/admin/sla-policies-page.tsx').then((m) => ({ default: m.SlaPoliciesPage })));
const TicketSlaPage = lazy(() => import('./pages/tickets/sla-panel.tsx').then((m) => ({ default: m.TicketSlaPage })));
const CustomerPage = lazy(() => import('./pages/customers/customer-page.tsx').then((m) => ({ default: m.CustomerPage })));
const CustomersPage = lazy(() => import('./pages/customers/customers-page.tsx').then((m) => ({ default: m.CustomersPage })));
const ConversationPage = lazy(() => import('./pages/desk/conversation-page.tsx').then((m) => ({ default: m.ConversationPage })));
const DeskPage = lazy(() => import('./pages/desk/desk-page.tsx').then((m) => ({ default: m.DeskPage })));
const DeskWorkspacePage = lazy(() => import('./pages/desk/chat/workspace-page.tsx').then((m) => ({ default: m.WorkspacePage })));
const CannedResponsesPage = lazy(() => import('./pages/desk/admin/canned-page.tsx').then((m) => ({ default: m.CannedResponsesPage })));
const DispositionsPage = lazy(() => import('./pages/desk/admin/dispositions-page.tsx').then((m) => ({ default: m.DispositionsPage })));
const WidgetSettingsPage = lazy(() => import('./pages/admin/widget-settings-page.tsx').then((m) => ({ default: m.WidgetSettingsPage })));
const HelpCenterPage = lazy(() => import('./pages/admin/help-center-page.tsx').then((m) => ({ default: m.HelpCenterPage })));
const ProfilePage = lazy(() => import('./pages/profile/profile-page.tsx').then((m) => ({ default: m.ProfilePage })));
const TicketsPage = lazy(() => import('./pages/tickets/tickets-page.tsx').then((m) => ({ default: m.TicketsPage })));
const TicketPage = lazy(() => import('./pages/tickets/ticket-page.tsx').then((m) => ({ default: m.TicketPage })));
const TicketFieldsPage = lazy(() => import('./pages/admin/ticket-fields-page.tsx').then((m) => ({ default: m.TicketFieldsPage })));
const MacrosPage = lazy(() => import('./pages/admin/macros-page.tsx').then((m) => ({ default: m.MacrosPage })));
const SearchPage = lazy(() => import('./pages/search/search-page.tsx').then((m) => ({ default: m.SearchPage })));
const AtRiskPage = lazy(() => import('./pages/customers/at-risk-page.tsx').then((m) => ({ default: m.AtRiskPage })));
const ImportOrdersPage = lazy(() => import('./pages/orders/import-orders-page.tsx').then((m) => ({ default: m.ImportOrdersPage })));
const SegmentsPage = lazy(() => import('./pages/segments/segments-page.tsx').then((m) => ({ default: m.SegmentsPage })));
const RoutingQueuesPage = lazy(() => import('./pages/routing/queues-page.tsx').then((m) => ({ default: m.QueuesPage })));
const RoutingSkillsPage = lazy(() => import('./pages/routing/skills-page.tsx').then((m) => ({ default: m.SkillsPage })));
const SkillMatrixPage = lazy(() => import('./pages/routing/skill-matrix-page.tsx').then((m) => ({ default: m.SkillMatrixPage })));
const RoutingWorkflowPage = lazy(() => import('./pages/routing/workflow-page.tsx').then((m) => ({ default: m.WorkflowPage })));
const PickListPage = lazy(() => import('./pages/routing/pick-list-page.tsx').then((m) => ({ default: m.PickListPage })));
const LiveQueuesPage = lazy(() => import('./pages/routing/live-page.tsx').then((m) => ({ default: m.LiveQueuesPage })));
const AnalyticsRoutes = lazy(() => import('./pages/analytics/analytics-routes.tsx').then((m) => ({ default: m.AnalyticsRoutes })));
const WallboardPage = lazy(() => import('./pages/wallboard/wallboard-page.tsx').then((m) => ({ default: m.WallboardPage })));
const SurveySettingsPage = lazy(() => import('./pages/surveys/survey-settings-page.tsx').then((m) => ({ default: m.SurveySettingsPage })));
const VocPage = lazy(() => import('./pages/surveys/voc-page.tsx').then((m) => ({ default: m.VocPage })));
const JourneysPage = lazy(() => import('./pages/journeys/journeys-page.tsx').then((m) => ({ default: m.JourneysPage })));
const SegmentEditorPage = lazy(() => import('./pages/segments/segment-editor-page.tsx').then((m) => ({ default: m.SegmentEditorPage })));

const FlowsPage = lazy(() => import('./pages/flows/flows-page.tsx').then((m) => ({ default: m.FlowsPage })));
const FlowEditorPage = lazy(() => import('./pages/flows/editor-page.tsx').then((m) => ({ default: m.FlowEditorPage })));
const FlowAssignmentsPage = lazy(() => import('./pages/flows/assignments-page.tsx').then((m) => ({ default: m.FlowAssignmentsPage })));
const FlowIntentsPage = lazy(() => import('./pages/flows/intents-page.tsx').then((m) => ({ default: m.FlowIntentsPage })));
const KbArticlesPage = lazy(() => import('./pages/kb/articles-page.tsx').then((m) => ({ default: m.KbArticlesPage })));
const KbArticleEditorPage = lazy(() => import('./pages/kb/article-editor-page.tsx').then((m) => ({ default: m.KbArticleEditorPage })));
const KbCategoriesPage = lazy(() => import('./pages/kb/categories-page.tsx').then((m) => ({ default: m.KbCategoriesPage })));
const KbImportExportPage = lazy(() => import('./pages/kb/import-export-page.tsx').then((m) => ({ default: m.KbImportExportPage })));

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
        <Route path="desk/chats" element={<RequirePermission permission="desk.use"><DeskWorkspacePage /></RequirePermission>} />
        <Route path="desk/chats/:id" element={<RequirePermission permission="desk.use"><DeskWorkspacePage /></RequirePermission>} />
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
            <RequirePermission permission="routing.supervise">
              <LiveQueuesPage />
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
          <Route path="routing-queues" element={<RequirePermission permission="routing.configure"><RoutingQueuesPage /></RequirePermission>} />
          <Route path="routing-skills" element={<RequirePermission permission="routing.configure"><RoutingSkillsPage /></RequirePermission>} />
          <Route path="skill-matrix" element={<RequirePermission permission="routing.configure"><SkillMatrixPage /></RequirePermission>} />
          <Route path="routing-workflow" element={<RequirePermission permission="routing.configure"><RoutingWorkflowPage /></RequirePermission>} />
          <Route path="canned-responses" element={<RequirePermission permission="desk.use"><CannedResponsesPage /></RequirePermission>} />
          <Route path="dispositions" element={<RequirePermission permission="routing.configure"><DispositionsPage /></RequirePermission>} />
          <Route path="chat-widget" element={<RequirePermission permission="inboxes.manage"><WidgetSettingsPage /></RequirePermission>} />
          <Route path="help-center" element={<RequirePermission permission="kb.manage"><HelpCenterPage /></RequirePermission>} />
          <Route path="surveys" element={<RequirePermission permission="analytics.configure"><SurveySettingsPage /></RequirePermission>} />
        </Route>
        <Route path="flows" element={<RequirePermission permission="flows.manage"><FlowsPage /></RequirePermission>} />
        <Route path="flows/assignments" element={<RequirePermission permission="flows.manage"><FlowAssignmentsPage /></RequirePermission>} />
        <Route path="flows/intents" element={<RequirePermission permission="flows.manage"><FlowIntentsPage /></RequirePermission>} />
        <Route path="flows/:id" element={<RequirePermission permission="flows.manage"><FlowEditorPage /></RequirePermission>} />
        <Route path="kb" element={<RequirePermission permission="kb.read"><KbArticlesPage /></RequirePermission>} />
        <Route path="kb/articles/:id" element={<RequirePermission permission="kb.read"><KbArticleEditorPage /></RequirePermission>} />
        <Route path="kb/categories" element={<RequirePermission permission="kb.read"><KbCategoriesPage /></RequirePermission>} />
        <Route path="kb/import" element={<RequirePermission permission="kb.manage"><KbImportExportPage /></RequirePermission>} />
        <Route path="tickets/:id/sla" element={<RequirePermission permission="tickets.read"><TicketSlaPage /></RequirePermission>} />
        <Route path="tickets" element={<RequirePermission permission="tickets.read"><TicketsPage /></RequirePermission>} />
        <Route path="tickets/macros" element={<RequirePermission permission="tickets.read"><section className="panel"><MacrosPage /></section></RequirePermission>} />
        <Route path="tickets/:id" element={<RequirePermission permission="tickets.read"><TicketPage /></RequirePermission>} />
        <Route path="supervisor/skills" element={<RequirePermission permission="routing.supervise"><section className="panel"><SkillMatrixPage inAdmin={false} /></section></RequirePermission>} />
        <Route path="supervisor/wallboard" element={<RequirePermission permission="routing.supervise"><WallboardPage /></RequirePermission>} />
        <Route path="analytics/voc" element={<RequirePermission permission="analytics.read"><VocPage /></RequirePermission>} />
        <Route path="analytics/journeys" element={<RequirePermission permission="analytics.read"><JourneysPage /></RequirePermission>} />
        <Route path="analytics/*" element={<RequirePermission permission="analytics.read"><AnalyticsRoutes /></RequirePermission>} />
        <Route path="queue" element={<RequirePermission permission="routing.work"><PickListPage /></RequirePermission>} />
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
