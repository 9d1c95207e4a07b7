import type { Whisper, WallboardView } from '../../../../src/contracts/wallboard.ts';
import type { AlertRule, CreateAlertRuleBody, UpdateAlertRuleBody, WallboardAlert } from '../../../../src/contracts/wallboard-alerts.ts';
import { api } from '../../api/client.ts';

export type { AlertRule, Whisper, WallboardAlert, WallboardView };
export type WallboardAgent = WallboardView['agents'][number];
export type WallboardQueue = WallboardView['queues'][number];
export type AlertRuleInput = Omit<CreateAlertRuleBody, 'queueId' | 'enabled'> & { queueId: string | null; enabled: boolean };

const enc = encodeURIComponent;

/** The supervisor's wallboard, its alert rules and whispers (GET /api/v1/wallboard, /wallboard/alert-rules, /conversations/:id/whispers). */
export const wallboardApi = {
  get: () => api.get<WallboardView>('/api/v1/wallboard'),
  whisper: (conversationId: string, text: string) => api.post<Whisper>(`/api/v1/conversations/${enc(conversationId)}/whispers`, { text }),
  whispers: async (conversationId: string) => (await api.get<{ items: Whisper[] }>(`/api/v1/conversations/${enc(conversationId)}/whispers`)).items,
  rules: async () => (await api.get<{ items: AlertRule[] }>('/api/v1/wallboard/alert-rules')).items,
  createRule: (b: AlertRuleInput) => api.post<AlertRule>('/api/v1/wallboard/alert-rules', b),
  updateRule: (id: string, b: UpdateAlertRuleBody) => api.patch<AlertRule>(`/api/v1/wallboard/alert-rules/${enc(id)}`, b),
  deleteRule: (id: string) => api.del<null>(`/api/v1/wallboard/alert-rules/${enc(id)}`),
};
