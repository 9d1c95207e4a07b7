import type { Page } from '../../../src/contracts/common.ts';
import type { SurveySettings, SurveySettingsView, VocComment, VocCommentsQuery, VocThemesResponse } from '../../../src/contracts/surveys.ts';
import { api } from './client.ts';

export type { SurveySettings, SurveySettingsView, VocComment, VocThemesResponse };

/** The query of GET /api/v1/surveys/comments (see VocCommentsQuery); empty values are left out. */
type CommentsQuery = { [K in keyof VocCommentsQuery]?: string | number };
const clean = (q: Record<string, unknown>) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '' && v !== null)) as Record<string, string | number>;

/** Surveys: settings (analytics.configure) and the voice-of-the-customer reads (analytics.read). */
export const surveysApi = {
  settings: () => api.get<SurveySettingsView>('/api/v1/surveys/settings'),
  saveSettings: (body: SurveySettings) => api.put<SurveySettingsView>('/api/v1/surveys/settings', body),
  comments: (q: CommentsQuery) => api.get<Page<VocComment>>('/api/v1/surveys/comments', clean(q)),
  themes: (q: { from?: string; to?: string; kind?: string }) => api.get<VocThemesResponse>('/api/v1/surveys/themes', clean(q)),
};
