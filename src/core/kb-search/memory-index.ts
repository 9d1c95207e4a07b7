import type { KbIndexedRow, KbSearchFilter, KbSearchHit } from '../../storage/kb-search.repo.ts';
import type { PlanClause, PlanTerm } from './query.ts';

/**
 * One tenant's knowledge-base search index in memory (docs/decisions/022-kb-search-in-memory.md):
 * postings per lexeme from the stored tsvectors, ranked by BM25F. The database stays the truth;
 * this is a copy a node keeps current by generation (see cache.ts).
 */

/**
 * Field weights of a lexeme position (title A, tags B, body C and D) and BM25's saturation and
 * length normalisation. Chosen on the relevance set (test/fixtures/kb-relevance) among 0, 20,000
 * and 100,000 synthetic articles: title 2 / tags 2 / k1 2.0 / b 0.9 sits on a plateau that holds
 * at all three sizes (title 3 with k1 1.2 and b 0.75 lost 0.08-0.12 of top-1 at 20k and 100k).
 */
const FIELD_WEIGHT = { A: 2, B: 2, C: 1, D: 1 } as const;
const K1 = 2.0;
const B = 0.9;
/** Synonym clauses count less than the words the customer typed. */
const SYNONYM_WEIGHT = 0.7;

interface Doc {
  articleId: string;
  language: string;
  title: string;
  visibility: 'public' | 'internal';
  categoryId: string | null;
  /** Weighted length (sum of weighted term frequencies). */
  length: number;
  /** Its lexemes' ids, to take it out of their posting lists. */
  terms: Int32Array;
}

/** Parses PostgreSQL's text form of a tsvector into weighted term frequencies. */
export function parseTsvector(text: string): Map<string, number> {
  const out = new Map<string, number>();
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && text[i] === ' ') i++;
    if (i >= n) break;
    let term = '';
    if (text[i] === "'") {
      i++;
      while (i < n) {
        const c = text[i]!;
        if (c === "'") {
          if (text[i + 1] === "'") { term += "'"; i += 2; continue; }
          i++;
          break;
        }
        if (c === '\\' && i + 1 < n) { term += text[i + 1]; i += 2; continue; }
        term += c;
        i++;
      }
    } else {
      while (i < n && text[i] !== ' ' && text[i] !== ':') term += text[i++];
    }
    let tf = 0;
    if (text[i] === ':') {
      i++;
      while (i < n && text[i] !== ' ') {
        while (i < n && text[i]! >= '0' && text[i]! <= '9') i++;
        const w = text[i];
        if (w === 'A' || w === 'B' || w === 'C' || w === 'D') { tf += FIELD_WEIGHT[w]; i++; } else tf += FIELD_WEIGHT.D;
        if (text[i] === ',') i++;
      }
    } else tf = FIELD_WEIGHT.D;
    if (term) out.set(term, (out.get(term) ?? 0) + tf);
  }
  return out;
}

/** Votes smoothed towards one half, mapped to a factor in [0.75, 1.25] (as the SQL ranking). */
function helpfulness(yes: number, no: number): number {
  return 0.75 + (0.5 * (yes + 1)) / (yes + no + 2);
}

function languageFactor(docLanguage: string, queryLanguage: string): number {
  if (docLanguage === queryLanguage) return 1;
  if (queryLanguage.startsWith('zh') && docLanguage.startsWith('zh-')) return 0.95;
  return 0.6;
}

/** A bounded min-heap of the best (slot, score) pairs. */
class TopK {
  readonly slots: number[] = [];
  readonly scores: number[] = [];
  constructor(private readonly k: number, private readonly before: (a: number, b: number) => boolean) {}
  /** Whether the pair (score, slot) is worse than the heap's worst (the heap is full). */
  private worse(score: number, slot: number, i: number): boolean {
    const s = this.scores[i]!;
    return score < s || (score === s && !this.before(slot, this.slots[i]!));
  }
  push(slot: number, score: number): void {
    if (this.slots.length < this.k) {
      this.slots.push(slot);
      this.scores.push(score);
      this.up(this.slots.length - 1);
    } else if (!this.worse(score, slot, 0)) {
      this.slots[0] = slot;
      this.scores[0] = score;
      this.down(0);
    }
  }
  private swap(a: number, b: number): void {
    [this.slots[a], this.slots[b]] = [this.slots[b]!, this.slots[a]!];
    [this.scores[a], this.scores[b]] = [this.scores[b]!, this.scores[a]!];
  }
  private up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.worse(this.scores[i]!, this.slots[i]!, p)) return;
      this.swap(i, p);
      i = p;
    }
  }
  private down(i: number): void {
    const n = this.slots.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.worse(this.scores[l]!, this.slots[l]!, m)) m = l;
      if (r < n && this.worse(this.scores[r]!, this.slots[r]!, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}

/** A posting packs a document slot and its weighted tf (capped) into one int32. */
const TF_BITS = 8;
const TF_MAX = (1 << TF_BITS) - 1;
const MAX_SLOTS = 1 << (31 - TF_BITS);

/** Grows a typed array to at least `n` elements (doubling), keeping its contents. */
function grow<T extends Float64Array | Uint32Array | Int32Array | Uint8Array>(a: T, n: number, make: (size: number) => T): T {
  if (a.length >= n) return a;
  const b = make(Math.max(n, a.length * 2, 64));
  b.set(a);
  return b;
}

export class KbMemoryIndex {
  private readonly docs: (Doc | undefined)[] = [];
  private readonly free: number[] = [];
  private readonly slotOf = new Map<string, number>();
  /** Lexeme → id; ids index `lists` and `lens`. Lexemes are never forgotten (an empty list is no match). */
  private readonly termIds = new Map<string, number>();
  private lists: Int32Array[] = [];
  private lens: number[] = [];
  /** Every lexeme in order, for prefixes: built on first use, then kept in order on insert. */
  private sorted: string[] | null = null;
  private totalLength = 0;
  private live = 0;
  // Per slot, for the scoring loop: length, helpfulness, language code, visibility (1 internal).
  private slotLength = new Float64Array(0);
  private slotHelp = new Float64Array(0);
  private slotLang = new Uint8Array(0);
  private slotInternal = new Uint8Array(0);
  private readonly langCodes = new Map<string, number>();
  /** BM25 length normalisation per slot, for the average length it was computed at. */
  private norm = new Float64Array(0);
  private normAvg = -1;
  // Scratch for one search.
  private scores = new Float64Array(0);
  private seen = new Uint32Array(0);
  private partTf = new Float64Array(0);
  private partSeen = new Uint32Array(0);
  private partSlots = new Int32Array(0);
  private touched = new Int32Array(0);
  private stamp = 0;

  get size(): number {
    return this.live;
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.lists.length;
      this.termIds.set(term, id);
      this.lists.push(new Int32Array(2));
      this.lens.push(0);
      if (this.sorted) {
        let lo = 0;
        let hi = this.sorted.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (this.sorted[mid]! < term) lo = mid + 1;
          else hi = mid;
        }
        this.sorted.splice(lo, 0, term);
      }
    }
    return id;
  }

  private langCode(language: string): number {
    let c = this.langCodes.get(language);
    if (c === undefined) this.langCodes.set(language, (c = this.langCodes.size));
    return c;
  }

  /** Adds or replaces one article translation. */
  put(row: KbIndexedRow): void {
    this.remove(row.articleId, row.language);
    const tfs = parseTsvector(row.tokens);
    let length = 0;
    for (const tf of tfs.values()) length += tf;
    const slot = this.free.pop() ?? this.docs.length;
    if (slot >= MAX_SLOTS) throw new Error(`the in-memory knowledge-base index holds at most ${MAX_SLOTS} documents`);
    const terms = new Int32Array(tfs.size);
    let k = 0;
    for (const [term, tf] of tfs) {
      const id = this.termId(term);
      terms[k++] = id;
      let list = this.lists[id]!;
      const len = this.lens[id]!;
      if (len === list.length) {
        const grown = new Int32Array(Math.max(4, len * 2));
        grown.set(list);
        this.lists[id] = list = grown;
      }
      list[len] = (slot << TF_BITS) | Math.min(TF_MAX, Math.max(1, Math.round(tf)));
      this.lens[id] = len + 1;
    }
    this.docs[slot] = {
      articleId: row.articleId,
      language: row.language,
      title: row.title,
      visibility: row.visibility,
      categoryId: row.categoryId,
      length,
      terms,
    };
    const n = slot + 1;
    this.slotLength = grow(this.slotLength, n, (x) => new Float64Array(x));
    this.slotHelp = grow(this.slotHelp, n, (x) => new Float64Array(x));
    this.slotLang = grow(this.slotLang, n, (x) => new Uint8Array(x));
    this.slotInternal = grow(this.slotInternal, n, (x) => new Uint8Array(x));
    this.slotLength[slot] = length;
    this.slotHelp[slot] = helpfulness(row.helpfulYes, row.helpfulNo);
    this.slotLang[slot] = this.langCode(row.language);
    this.slotInternal[slot] = row.visibility === 'internal' ? 1 : 0;
    this.normAvg = -1;
    this.slotOf.set(`${row.articleId} ${row.language}`, slot);
    this.totalLength += length;
    this.live++;
  }

  /** Removes an article translation, or (language null) every translation of the article. */
  remove(articleId: string, language: string | null): void {
    if (language === null) {
      for (const lang of this.langCodes.keys()) this.remove(articleId, lang);
      return;
    }
    const key = `${articleId} ${language}`;
    const slot = this.slotOf.get(key);
    if (slot === undefined) return;
    const doc = this.docs[slot]!;
    for (const id of doc.terms) {
      const list = this.lists[id]!;
      const len = this.lens[id]!;
      for (let i = 0; i < len; i++) {
        if (list[i]! >> TF_BITS === slot) {
          list.copyWithin(i, i + 1, len);
          this.lens[id] = len - 1;
          break;
        }
      }
    }
    this.docs[slot] = undefined;
    this.free.push(slot);
    this.slotOf.delete(key);
    this.totalLength -= doc.length;
    this.live--;
    this.normAvg = -1;
  }

  /** After a bulk load: trims every posting list to its length (growth leaves up to half unused) and orders the lexemes for prefixes. */
  compact(): void {
    this.sorted = [...this.termIds.keys()].sort();
    for (let id = 0; id < this.lists.length; id++) {
      const len = this.lens[id]!;
      if (this.lists[id]!.length > len) this.lists[id] = this.lists[id]!.slice(0, Math.max(1, len));
    }
  }

  /** Whether any indexed document holds the lexeme. */
  has(term: string): boolean {
    const id = this.termIds.get(term);
    return id !== undefined && this.lens[id]! > 0;
  }

  /** Lexemes starting with `prefix` (at most `max`). */
  private withPrefix(prefix: string, max = 200): string[] {
    if (!this.sorted) this.sorted = [...this.termIds.keys()].sort();
    const s = this.sorted;
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (s[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < s.length && s[i]!.startsWith(prefix) && out.length < max; i++) out.push(s[i]!);
    return out;
  }

  private prepare(): void {
    const n = this.docs.length;
    if (this.stamp > 0xffff0000) {
      // Stamps are about to wrap: start the marks afresh.
      this.stamp = 0;
      this.seen.fill(0);
      this.partSeen.fill(0);
    }
    if (this.scores.length < n) {
      const size = Math.max(1024, n * 2);
      this.scores = new Float64Array(size);
      this.seen = new Uint32Array(size);
      this.partTf = new Float64Array(size);
      this.partSeen = new Uint32Array(size);
      this.partSlots = new Int32Array(size);
      this.touched = new Int32Array(size);
    }
    const avg = this.totalLength / this.live || 1;
    if (this.normAvg !== avg || this.norm.length < n) {
      this.norm = grow(this.norm, n, (x) => new Float64Array(x));
      const { norm, slotLength } = this;
      for (let i = 0; i < n; i++) norm[i] = K1 * (1 - B + (B * slotLength[i]!) / avg);
      this.normAvg = avg;
    }
  }

  /**
   * One clause part's matches into partSlots/partTf (the best tf of its alternatives per slot).
   * Returns how many slots matched.
   */
  private collectPart(part: PlanTerm): number {
    const ids: number[] = [];
    for (const t of part.terms) {
      const id = this.termIds.get(t);
      if (id !== undefined && this.lens[id]! > 0 && !ids.includes(id)) ids.push(id);
    }
    if (part.prefix !== null) {
      for (const t of this.withPrefix(part.prefix)) {
        const id = this.termIds.get(t)!;
        if (this.lens[id]! > 0 && !ids.includes(id)) ids.push(id);
      }
    }
    const { partTf, partSeen, partSlots } = this;
    let count = 0;
    if (ids.length === 1) {
      // One posting list: slots are unique in it.
      const id = ids[0]!;
      const list = this.lists[id]!;
      const len = this.lens[id]!;
      for (let i = 0; i < len; i++) {
        const v = list[i]!;
        const slot = v >> TF_BITS;
        partTf[slot] = v & TF_MAX;
        partSlots[count++] = slot;
      }
      return count;
    }
    const stamp = ++this.stamp;
    for (const id of ids) {
      const list = this.lists[id]!;
      const len = this.lens[id]!;
      for (let i = 0; i < len; i++) {
        const v = list[i]!;
        const slot = v >> TF_BITS;
        const tf = v & TF_MAX;
        if (partSeen[slot] !== stamp) {
          partSeen[slot] = stamp;
          partTf[slot] = tf;
          partSlots[count++] = slot;
        } else if (tf > partTf[slot]!) partTf[slot] = tf;
      }
    }
    return count;
  }

  /** A clause of several parts: the slots matching every part, with the least tf (copied out of the scratch). */
  private collectAll(clause: PlanClause): Map<number, number> {
    let acc: Map<number, number> | null = null;
    for (const part of clause.parts) {
      const count = this.collectPart(part);
      const next = new Map<number, number>();
      for (let j = 0; j < count; j++) {
        const slot = this.partSlots[j]!;
        const tf = this.partTf[slot]!;
        if (acc === null) next.set(slot, tf);
        else {
          const prev = acc.get(slot);
          if (prev !== undefined) next.set(slot, Math.min(prev, tf));
        }
      }
      acc = next;
      if (acc.size === 0) break;
    }
    return acc ?? new Map();
  }

  /**
   * BM25F over the clauses × helpfulness × language, best first; at most `filter.limit` hits,
   * every translation a hit of its own (as the SQL search; the caller keeps each article's best).
   * `text` is left empty: the caller reads snippets for the few it shows.
   */
  search(clauses: PlanClause[], filter: KbSearchFilter): KbSearchHit[] {
    if (this.live === 0 || clauses.length === 0) return [];
    this.prepare();
    const scoreStamp = ++this.stamp;
    const { scores, seen, norm, touched, partSlots, partTf } = this;
    let nTouched = 0;
    const n = this.live;
    const add = (slot: number, tf: number, idf: number) => {
      const s = (idf * tf * (K1 + 1)) / (tf + norm[slot]!);
      if (seen[slot] !== scoreStamp) {
        seen[slot] = scoreStamp;
        scores[slot] = s;
        touched[nTouched++] = slot;
      } else scores[slot] = scores[slot]! + s;
    };
    for (const clause of clauses) {
      const weight = clause.required ? 1 : SYNONYM_WEIGHT;
      if (clause.parts.length === 1) {
        const count = this.collectPart(clause.parts[0]!);
        if (count === 0) continue;
        const idf = Math.log(1 + (n - count + 0.5) / (count + 0.5)) * weight;
        const idf1 = idf * (K1 + 1);
        for (let j = 0; j < count; j++) {
          const slot = partSlots[j]!;
          const tf = partTf[slot]!;
          const s = (idf1 * tf) / (tf + norm[slot]!);
          if (seen[slot] !== scoreStamp) {
            seen[slot] = scoreStamp;
            scores[slot] = s;
            touched[nTouched++] = slot;
          } else scores[slot] = scores[slot]! + s;
        }
      } else {
        const all = this.collectAll(clause);
        if (all.size === 0) continue;
        const idf = Math.log(1 + (n - all.size + 0.5) / (all.size + 0.5)) * weight;
        for (const [slot, tf] of all) add(slot, tf, idf);
      }
    }
    // Filters and factors by slot: visibility, languages, category; helpfulness and language.
    const wantInternal = filter.visibility.includes('internal');
    const wantPublic = filter.visibility.includes('public');
    const factorOf = new Float64Array(Math.max(1, this.langCodes.size));
    for (const [language, code] of this.langCodes) {
      factorOf[code] = filter.languages?.length && !filter.languages.includes(language) ? 0 : languageFactor(language, filter.queryLanguage);
    }
    const docs = this.docs;
    const before = (a: number, b: number) => {
      const da = docs[a]!;
      const db = docs[b]!;
      return da.articleId < db.articleId || (da.articleId === db.articleId && da.language < db.language);
    };
    const top = new TopK(filter.limit, before);
    const { slotInternal, slotLang, slotHelp } = this;
    for (let j = 0; j < nTouched; j++) {
      const slot = touched[j]!;
      if (slotInternal[slot] === 1 ? !wantInternal : !wantPublic) continue;
      const f = factorOf[slotLang[slot]!]!;
      if (f === 0) continue;
      if (filter.categoryId && docs[slot]!.categoryId !== filter.categoryId) continue;
      top.push(slot, scores[slot]! * slotHelp[slot]! * f);
    }
    const order = top.slots.map((slot, i) => ({ slot, score: top.scores[i]! }));
    order.sort((a, b) => b.score - a.score || (before(a.slot, b.slot) ? -1 : 1));
    return order.map(({ slot, score }) => {
      const d = docs[slot]!;
      return { articleId: d.articleId, language: d.language, title: d.title, visibility: d.visibility, text: '', score };
    });
  }
}
