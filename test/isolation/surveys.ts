import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import type { IsolationArea } from './area.ts';

const FOREIGN_COMMENT = 'Foreign survey comment sigma wombat';
const FOREIGN_QUESTION = 'Foreign survey question sigma';
let settingsBefore = '';

/**
 * Surveys (src/core/surveys): no id routes, but A's settings, comments and themes must show none
 * of B's answers, themes or question texts, and A's writes must leave B's settings alone.
 */
export const surveysArea: IsolationArea = {
  name: 'surveys',
  routes: {},
  foreignStrings: [FOREIGN_COMMENT, FOREIGN_QUESTION, 'wombat'],
  async seed(ctx) {
    const id = uuidv7();
    const at = new Date();
    await ctx.repos.surveys.insertAnswer({
      id, tenantId: ctx.tenantB, customerId: ctx.customerB, kind: 'csat', score: 1, comment: FOREIGN_COMMENT, conversationId: ctx.conversationB,
      invitationId: null, channel: 'email', language: 'en', respondedAt: at,
    });
    await ctx.repos.surveys.putInsights(ctx.tenantB, id, { language: 'en', sentiment: -0.8, themes: ['wombat', 'sigma wombat'] }, at);
    await ctx.repos.surveys.putSettings(ctx.tenantB, { enabled: true, kinds: ['csat'], atResolution: 'csat', throttleDays: 7, linkValidityDays: 7, questions: { csat: { en: FOREIGN_QUESTION }, nps: {} } }, ctx.userB, at);
    settingsBefore = JSON.stringify((await ctx.repos.surveys.settings(ctx.tenantB))?.settings ?? null);
  },
  params: () => [],
  listUrls: () => ['/api/v1/surveys/settings', '/api/v1/surveys/comments', '/api/v1/surveys/comments?theme=wombat', '/api/v1/surveys/comments?q=wombat', '/api/v1/surveys/themes'],
  async untouched(ctx) {
    assert.equal(JSON.stringify((await ctx.repos.surveys.settings(ctx.tenantB))?.settings ?? null), settingsBefore);
  },
};
