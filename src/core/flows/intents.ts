/**
 * Offline intent classifier: a tenant names intents and gives example phrases; a message is
 * classified by TF-IDF cosine similarity to the examples (nearest example, blended with the
 * intent's centroid and with how much of the message's words the nearest example covers).
 * Features come from the search analyzer (words; CJK characters and pairs),
 * plus character trigrams of each word (typos, inflection) and word pairs. Traditional Chinese
 * characters common in customer service are folded to Simplified, so examples in one script
 * match messages in the other. No network, no model files.
 */
import { analyze, bigrams, cjkRuns } from '../search/analyze.ts';

export interface IntentDef {
  name: string;
  examples: string[];
}
export interface IntentMatch {
  intent: string | null;
  confidence: number;
  /** Best score per intent, highest first. */
  ranking: { intent: string; score: number }[];
}

type Vec = Map<string, number>;
export interface IntentModel {
  idf: Map<string, number>;
  intents: { name: string; examples: Vec[]; centroid: Vec }[];
}

// Traditional → Simplified for characters frequent in support messages.
const TRAD = '開門營業時間點貨運費錢賬帳號訂單買賣發換問題幫說話員務關麼這個們還為沒退款際據當請應該無時鐘週體實現經過給寄遞達處理錯誤網頁碼確認謝對辦從會議記錄聯繫絡電郵寫讀聽見傳國內區價優惠額務帶長難議專機幾裡詢訊幣庫';
const SIMP = '开门营业时间点货运费钱账帐号订单买卖发换问题帮说话员务关么这个们还为没退款际据当请应该无时钟周体实现经过给寄递达处理错误网页码确认谢对办从会议记录联系络电邮写读听见传国内区价优惠额务带长难议专机几里询讯币库';
const FOLD = new Map<string, string>();
for (let i = 0; i < TRAD.length && i < SIMP.length; i++) if (TRAD[i] !== SIMP[i]) FOLD.set(TRAD[i]!, SIMP[i]!);

export function foldChinese(text: string): string {
  let out = '';
  for (const c of text) out += FOLD.get(c) ?? c;
  return out;
}

// Function words that say nothing about what a customer wants (folded like the analyzer folds).
const STOP = new Set(`
  a an the is are am be was were do does did i me my you your we our it its this that to of in on at for with and or
  can could would will please hi hello thanks thank there what
  y yr r a ac i o yn n mae ydy ydych dych chi fi fy ni eich ei ar am gyda
  i w z na do o a czy jest sa to ten ta mi mnie moj moja moje sie ze prosze
  का के की को में से पर है हैं था और या भी तो ही यह वह मैं मेरा मेरी मेरे आप आपका आपकी आपके हम क्या कृपया जी
`.split(/\s+/).filter(Boolean));
const STOP_CJK = new Set([...'的了吗呢吧啊我你您们是在也都就请要想']);

/** The features of a text, with counts. */
export function features(text: string): Map<string, number> {
  const f = new Map<string, number>();
  const add = (k: string, w = 1) => f.set(k, (f.get(k) ?? 0) + w);
  const tokens = analyze(foldChinese(text.slice(0, 2000)));
  let prev: string | null = null;
  for (const t of tokens) {
    if (t.cjk) { prev = null; continue; }
    if (STOP.has(t.term)) continue;
    add(`w:${t.term}`);
    if (prev) add(`b:${prev}_${t.term}`);
    prev = t.term;
    const padded = `^${t.term}$`;
    const chars = [...padded];
    for (let i = 0; i + 3 <= chars.length; i++) add(`g:${chars.slice(i, i + 3).join('')}`, 0.5);
  }
  for (const run of cjkRuns(tokens)) {
    for (const c of run.chars) if (!STOP_CJK.has(c)) add(`c:${c}`, 0.5);
    if (run.chars.length > 1) for (const b of bigrams(run.chars)) if (![...b].every((c) => STOP_CJK.has(c))) add(`c:${b}`);
  }
  return f;
}

function weigh(f: Map<string, number>, idf: Map<string, number>): Vec {
  const v: Vec = new Map();
  let norm = 0;
  for (const [k, tf] of f) {
    const w = (1 + Math.log(tf + 1)) * (idf.get(k) ?? 0);
    if (w > 0) { v.set(k, w); norm += w * w; }
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [k, w] of v) v.set(k, w / norm);
  return v;
}

function cosine(a: Vec, b: Vec): number {
  const [small, big] = a.size < b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [k, w] of small) s += w * (big.get(k) ?? 0);
  return s;
}

/** How much of the (unit-length) message vector the example has features for, 0..1. */
function coverage(q: Vec, e: Vec): number {
  let s = 0;
  let total = 0;
  for (const [k, w] of q) {
    // words and character pairs only: one shared trigram or character says little
    if (!(k.startsWith('w:') || (k.startsWith('c:') && k.length > 3))) continue;
    total += w * w;
    if (e.has(k)) s += w * w;
  }
  return total > 0 ? s / total : 0;
}

export function buildIntentModel(defs: IntentDef[]): IntentModel {
  const docs = defs.map((d) => ({ name: d.name, feats: d.examples.filter((e) => e.trim()).map(features) }));
  const df = new Map<string, number>();
  let n = 0;
  for (const d of docs) for (const f of d.feats) { n++; for (const k of f.keys()) df.set(k, (df.get(k) ?? 0) + 1); }
  const idf = new Map<string, number>();
  for (const [k, c] of df) idf.set(k, Math.log((n + 1) / (c + 0.5)));
  const intents = docs.map((d) => {
    const examples = d.feats.map((f) => weigh(f, idf));
    const sum: Vec = new Map();
    for (const e of examples) for (const [k, w] of e) sum.set(k, (sum.get(k) ?? 0) + w);
    let norm = 0;
    for (const w of sum.values()) norm += w * w;
    norm = Math.sqrt(norm) || 1;
    for (const [k, w] of sum) sum.set(k, w / norm);
    return { name: d.name, examples, centroid: sum };
  });
  return { idf, intents };
}

/** Classifies `text`; `intent` is null when the best score is under `threshold`. */
export function classify(model: IntentModel, text: string, threshold = 0.3): IntentMatch {
  const v = weigh(features(text), model.idf);
  const ranking = model.intents
    .map((it) => {
      let nearest = 0;
      let covered = 0;
      for (const e of it.examples) {
        nearest = Math.max(nearest, cosine(v, e));
        covered = Math.max(covered, coverage(v, e));
      }
      return { intent: it.name, score: 0.55 * nearest + 0.2 * cosine(v, it.centroid) + 0.25 * covered };
    })
    .sort((a, b) => b.score - a.score);
  const best = ranking[0];
  if (!best || v.size === 0) return { intent: null, confidence: 0, ranking };
  const confidence = Math.round(best.score * 1000) / 1000;
  return { intent: confidence >= threshold ? best.intent : null, confidence, ranking };
}
