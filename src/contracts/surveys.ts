import { z } from 'zod';
import { languages, page, uuid } from './common.ts';

/** Surveys and voice of the customer (issue 8): settings, the VoC comment list and themes. */

export const surveyKinds = ['csat', 'nps'] as const;
export type SurveyKind = (typeof surveyKinds)[number];
export const sentimentBands = ['positive', 'neutral', 'negative'] as const;
export type SentimentBand = (typeof sentimentBands)[number];

const questionText = z.string().trim().min(1, 'a question may not be empty').max(300, 'a question is at most 300 characters');
/** Question texts by language; only the six supported languages, each optional (defaults fill the rest). */
const questionsByLanguage = z
  .record(z.string(), questionText)
  .superRefine((m, ctx) => {
    for (const k of Object.keys(m)) {
      if (!(languages as readonly string[]).includes(k)) ctx.addIssue({ code: 'custom', path: [k], message: `not a supported language; use one of ${languages.join(', ')}` });
    }
  });

export const surveySettingsBody = z
  .object({
    enabled: z.boolean(),
    kinds: z.array(z.enum(surveyKinds)).min(1, 'choose at least one kind: csat or nps').max(2),
    /** The survey sent when a conversation is resolved. */
    atResolution: z.enum(surveyKinds),
    /** At most one invitation per customer in this many days (0: no limit). */
    throttleDays: z.number().int().min(0, 'throttleDays is 0 or more').max(365, 'throttleDays is at most 365'),
    /** How long a survey link works. */
    linkValidityDays: z.number().int().min(1, 'linkValidityDays is at least 1').max(90, 'linkValidityDays is at most 90'),
    questions: z.object({ csat: questionsByLanguage, nps: questionsByLanguage }),
  })
  .superRefine((s, ctx) => {
    if (new Set(s.kinds).size !== s.kinds.length) ctx.addIssue({ code: 'custom', path: ['kinds'], message: 'each kind at most once' });
    if (!s.kinds.includes(s.atResolution)) ctx.addIssue({ code: 'custom', path: ['atResolution'], message: `the survey sent at resolution must be one of the enabled kinds (${s.kinds.join(', ')})` });
  });
export type SurveySettings = z.infer<typeof surveySettingsBody>;

export const surveySettingsView = z.object({
  settings: surveySettingsBody,
  /** The built-in question texts, for the admin screen's placeholders. */
  defaults: z.object({ csat: z.record(z.string(), z.string()), nps: z.record(z.string(), z.string()) }),
  /** Channels that can carry a survey today. */
  channels: z.array(z.string()),
  updatedAt: z.string().nullable(),
});
export type SurveySettingsView = z.infer<typeof surveySettingsView>;

const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date());
export const vocRangeQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  kind: z.enum(surveyKinds).optional(),
});
export const vocCommentsQuery = vocRangeQuery.extend({
  theme: z.string().trim().min(1).max(100).optional(),
  sentiment: z.enum(sentimentBands).optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});
export type VocCommentsQuery = z.infer<typeof vocCommentsQuery>;

export const vocComment = z.object({
  id: uuid,
  kind: z.enum(surveyKinds),
  score: z.number().int(),
  comment: z.string(),
  language: z.string().nullable(),
  channel: z.string().nullable(),
  sentiment: z.number().nullable(),
  sentimentBand: z.enum(sentimentBands).nullable(),
  themes: z.array(z.string()),
  customerId: uuid,
  customerName: z.string(),
  conversationId: uuid.nullable(),
  respondedAt: z.string(),
});
export type VocComment = z.infer<typeof vocComment>;
export const vocCommentsPage = page(vocComment);

export const vocTheme = z.object({ theme: z.string(), count: z.number().int(), averageSentiment: z.number().nullable(), averageScore: z.number().nullable() });
export type VocTheme = z.infer<typeof vocTheme>;
export const vocThemesResponse = z.object({ themes: z.array(vocTheme), comments: z.number().int() });
export type VocThemesResponse = z.infer<typeof vocThemesResponse>;

/** Sentiment bands (the cut-offs of src/core/sentiment: ±0.1): the VoC filter and the list's badge. */
export const SENTIMENT_CUTOFF = 0.1;
export function sentimentBandOf(s: number | null): SentimentBand | null {
  if (s === null) return null;
  return s > SENTIMENT_CUTOFF ? 'positive' : s < -SENTIMENT_CUTOFF ? 'negative' : 'neutral';
}
