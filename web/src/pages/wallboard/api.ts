import type { Whisper, WallboardView } from '../../../../src/contracts/wallboard.ts';
import { api } from '../../api/client.ts';

export type { Whisper, WallboardView };
export type WallboardAgent = WallboardView['agents'][number];
export type WallboardQueue = WallboardView['queues'][number];

const enc = encodeURIComponent;

/** The supervisor's wallboard and whispers (GET /api/v1/wallboard, /conversations/:id/whispers). */
export const wallboardApi = {
  get: () => api.get<WallboardView>('/api/v1/wallboard'),
  whisper: (conversationId: string, text: string) => api.post<Whisper>(`/api/v1/conversations/${enc(conversationId)}/whispers`, { text }),
  whispers: async (conversationId: string) => (await api.get<{ items: Whisper[] }>(`/api/v1/conversations/${enc(conversationId)}/whispers`)).items,
};
