import type { CoreDeps } from '../deps.ts';
import type { Principal } from '../auth/principal.ts';
import type { StoredEvent } from '../../storage/events.repo.ts';
import { writeAudit } from '../audit.ts';
import { draftEvent } from '../events/draft.ts';
import { invalid } from '../errors.ts';
import {
  sentimentBandOf, type SurveySettings, type SurveySettingsView, type VocComment, type VocCommentsQuery, type VocThemesResponse,
} from '../../contracts/surveys.ts';
import { DEFAULT_QUESTIONS, parseSurveySettings, surveyLanguage } from './settings.ts';
import { inviteOnResolution, type InviteOutcome } from './invite.ts';
import { openInvitation, parseAnswer, recordAnswer } from './answer.ts';
import { commentThemes } from './themes.ts';
import { questionText } from './settings.ts';
import { scoreSentiment } from '../sentiment/index.ts';
import type { SurveySenders } from './senders.ts';

/** Sentiment of a text, −1..1, and the language it was read in (given, or detected when null). */
export type SentimentScorer = (text: string, language: string | null) => { score: number; language: string };

export interface SurveysOptions {
  senders: SurveySenders;
  /** Default: the offline lexicon scorer of src/core/sentiment. */
  sentiment?: SentimentScorer;
  /** Where failures of background work go (delivery, analysis). */
  warn?: (msg: string, err: unknown) => void;
}

export type SurveyPage =
  | { kind: 'form'; lang: string; surveyKind: 'csat' | 'nps'; question: string }
  | { kind: 'invalid' };

const dateOf = (s: string | undefined, end: boolean): Date | undefined => {
  if (!s) return undefined;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s);
  if (end && /^\d{4}-\d{2}-\d{2}$/.test(s)) d.setUTCDate(d.getUTCDate() + 1);
  return d;
};

/** Surveys: settings, invitations at resolution, the public answer page's logic, and the VoC reads. */
export function createSurveysService(d: CoreDeps, o: SurveysOptions) {
  const pending = new Set<Promise<unknown>>();
  const warn = o.warn ?? (() => {});
  const track = (p: Promise<unknown>) => {
    const q = p.catch((e: unknown) => warn('survey background work failed', e)).finally(() => pending.delete(q));
    pending.add(q);
  };

  function range(q: { from?: string; to?: string }) {
    const from = dateOf(q.from, false);
    const to = dateOf(q.to, true);
    if (from && to && from.getTime() >= to.getTime()) throw invalid('`from` must be before `to`', [{ path: 'from', message: 'after to' }]);
    return { from, to };
  }

  async function view(tenantId: string): Promise<SurveySettingsView> {
    const stored = await d.repos.surveys.settings(tenantId);
    return { settings: parseSurveySettings(stored?.settings), defaults: DEFAULT_QUESTIONS, channels: Object.keys(o.senders).sort(), updatedAt: stored?.updatedAt.toISOString() ?? null };
  }

  /** Invitation at resolution, then its delivery (after the commit). */
  async function invite(e: StoredEvent): Promise<InviteOutcome> {
    const { outcome, delivery } = await inviteOnResolution(d, o.senders, e);
    if (outcome.sent && delivery) await o.senders[outcome.channel]!.send(delivery);
    return outcome;
  }

  /** Keywords, tags and sentiment of an answer's comment, for the VoC view. */
  async function analyze(tenantId: string, responseId: string): Promise<void> {
    const r = await d.repos.surveys.forAnalysis(tenantId, responseId);
    if (!r?.comment?.trim()) return;
    // The survey's language when known (the invitation's, the customer's), else the one the text reads as.
    const given = r.language ?? r.customerLanguage ?? null;
    let sentiment: number | null = null;
    let lang = surveyLanguage(given);
    try {
      const res = (o.sentiment ?? scoreSentiment)(r.comment, given);
      sentiment = res.score;
      lang = surveyLanguage(res.language);
    } catch (e) {
      warn('sentiment scoring failed', e);
    }
    await d.repos.surveys.putInsights(tenantId, responseId, { language: lang, sentiment, themes: commentThemes(r.comment, lang, r.tags ?? []) }, d.clock.now());
  }

  return {
    getSettings: (p: Principal) => view(p.tenantId),

    async putSettings(p: Principal, next: SurveySettings, meta: { ip: string | null }): Promise<SurveySettingsView> {
      const at = d.clock.now();
      await d.uow(async (r) => {
        const before = parseSurveySettings((await r.surveys.settings(p.tenantId))?.settings);
        const changed = (Object.keys(next) as (keyof SurveySettings)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(next[k]));
        await r.surveys.putSettings(p.tenantId, next as unknown as Record<string, unknown>, p.userId, at);
        await r.events.append(p.tenantId, [draftEvent(d.newId, {
          type: 'surveys.settings_updated', aggregateType: 'tenant', aggregateId: p.tenantId, actorId: p.userId, payload: { changed, enabled: next.enabled },
        })], at);
        await writeAudit(r, d.newId, at, { tenantId: p.tenantId, actorId: p.userId, action: 'surveys.settings_updated', targetType: 'tenant', targetId: p.tenantId, ip: meta.ip, details: { changed } });
      });
      return view(p.tenantId);
    },

    /** Follows committed events: resolutions invite, answers are analysed. Never throws. */
    onEvent(e: StoredEvent): void {
      if (e.type === 'conversation.status_changed' && (e.payload as { to?: unknown }).to === 'resolved') track(invite(e));
      else if (e.type === 'survey.responded') {
        const id = (e.payload as { responseId?: unknown }).responseId;
        if (typeof id === 'string') track(analyze(e.tenantId, id));
      }
    },
    invite,
    analyze,
    /** Waits for the background work started so far (tests, shutdown). */
    async idle(): Promise<void> {
      while (pending.size) await Promise.all([...pending]);
    },

    /** The public page for a token: the form, or the one neutral "no longer valid" answer. */
    async page(token: string): Promise<SurveyPage> {
      const inv = await openInvitation(d.repos.surveys, token, d.clock.now());
      if (!inv) return { kind: 'invalid' };
      const settings = parseSurveySettings((await d.repos.surveys.settings(inv.tenantId))?.settings);
      return { kind: 'form', lang: inv.language, surveyKind: inv.kind, question: questionText(settings, inv.kind, inv.language) };
    },

    /** Answers a survey from its page. */
    async answer(token: string, raw: { score?: unknown; comment?: unknown }): Promise<
      { kind: 'saved'; lang: string } | { kind: 'invalid' } | { kind: 'bad_input'; problem: 'score' | 'comment'; page: SurveyPage & { kind: 'form' } }
    > {
      const inv = await openInvitation(d.repos.surveys, token, d.clock.now());
      if (!inv) return { kind: 'invalid' };
      const parsed = parseAnswer(inv.kind, raw);
      if (!parsed.ok) {
        const settings = parseSurveySettings((await d.repos.surveys.settings(inv.tenantId))?.settings);
        return { kind: 'bad_input', problem: parsed.problem, page: { kind: 'form', lang: inv.language, surveyKind: inv.kind, question: questionText(settings, inv.kind, inv.language) } };
      }
      const saved = await recordAnswer(d, inv, parsed);
      return saved ? { kind: 'saved', lang: inv.language } : { kind: 'invalid' };
    },

    async comments(p: Principal, q: VocCommentsQuery): Promise<{ items: VocComment[]; nextCursor: string | null }> {
      const { from, to } = range(q);
      const page = await d.repos.surveys.comments(p.tenantId, { from, to, kind: q.kind, theme: q.theme?.toLocaleLowerCase(), sentiment: q.sentiment, q: q.q }, { limit: q.limit, cursor: q.cursor });
      return {
        items: page.items.map((c) => ({
          ...c, sentiment: c.sentiment, sentimentBand: sentimentBandOf(c.sentiment), themes: c.themes ?? [], respondedAt: c.respondedAt.toISOString(),
        })),
        nextCursor: page.nextCursor,
      };
    },

    async themes(p: Principal, q: { from?: string; to?: string; kind?: 'csat' | 'nps' }): Promise<VocThemesResponse> {
      const { from, to } = range(q);
      const r = await d.repos.surveys.themes(p.tenantId, { from, to, kind: q.kind }, 30);
      return {
        comments: r.comments,
        themes: r.themes.map((t) => ({ theme: t.theme, count: Number(t.n), averageSentiment: t.avg_sentiment === null ? null : Number(t.avg_sentiment), averageScore: t.avg_score === null ? null : Number(t.avg_score) })),
      };
    },
  };
}
export type SurveysService = ReturnType<typeof createSurveysService>;
