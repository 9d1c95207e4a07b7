import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody, idParams } from '../../../contracts/common.ts';
import { widgetSettingsBody, widgetSettingsView } from '../../../contracts/widget.ts';
import { principalOf } from '../context.ts';
import type { Services } from '../services.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 429: errorBody };
const tags = ['inboxes'];

/** Admins: a chat inbox's widget settings (theme, texts, pre-chat form, hours, attachments, CSAT). */
export const widgetSettingsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services: s }) => {
  app.get('/inboxes/:id/widget-settings', {
    config: { permission: 'inboxes.manage' },
    schema: { tags, summary: "A chat inbox's widget settings (never the identity secret); 404 for a non-chat inbox", params: idParams, response: { 200: widgetSettingsView, ...errors } },
  }, async (req) => s.widgetSettings.get(principalOf(req), req.params.id));

  app.put('/inboxes/:id/widget-settings', {
    config: { permission: 'inboxes.manage' },
    schema: {
      tags,
      summary: "Replace a chat inbox's widget settings (all fields); the identity secret is kept. Audited; event inbox.widget_settings_updated",
      params: idParams,
      body: widgetSettingsBody,
      response: { 200: widgetSettingsView, ...errors },
    },
  }, async (req) => s.widgetSettings.put(principalOf(req), req.params.id, req.body, { ip: req.ip }));
};
