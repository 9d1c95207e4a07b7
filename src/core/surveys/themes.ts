/**
 * Theme keys of a survey comment: its content words and two-word phrases (adjacent content
 * words), segmented with Intl.Segmenter in the comment's language so that Chinese works, with
 * per-language stopwords removed; plus the conversation's tags. The VoC view groups comments by
 * the keys most frequent in a period.
 */

const words = (s: string) => s.split(/\s+/).filter(Boolean);

const STOPWORDS: Record<string, Set<string>> = {
  en: new Set(words(`a about above after again all also am an and any are as at be because been before being below between both but by can
    could did do does doing done down during each even ever every few for from further get got had has have having he her here hers him his how i
    if in into is it its itself just let like made make me more most much my no nor not now of off on once one only or other our ours out over own
    please quite rather really same she should so some still such than thank thanks that the their theirs them then there these they this those
    though through to too under until up upon us very was we well were what when where which while who whom why will with would yes yet you your
    yours ok okay dont didnt im ive its thats wasnt isnt cant wont got get getting lot bit thing things`)),
  cy: new Set(words(`a ac ag am ar at bod bydd byddai chi cyn da dan dim dros ei eich eu fe fi fod fy gan gyda hefyd hi hon hwn hwnnw hyn i iawn
    mae mai mewn na nad neu ni nid o oedd oes ond pan pe pob roedd rwy rydw sy sydd the trwy tu wedi wrth y yma yn yng yr yw ydy ydw diolch`)),
  pl: new Set(words(`a aby ale bardzo bez by był była było były będzie co czy dla do gdy go i ich ile im innych jak jakie jako je jego jej jest
    jestem jeszcze już ją każdy kiedy kto która które którzy ma mi mnie może mój na nad nam nas nawet nic nie nich nim no o od oraz po pod przez
    przy się sobie są ta tak tam te tego tej ten też to tu tylko ty u w we więc wszystko z za że żeby dziękuję dzięki`)),
  hi: new Set(words(`और का की के को है हैं था थी थे में से पर यह वह ये वे भी तो ही कि जो कर करना किया गया गई हो होता होती रहा रही एक इस उस
    इन उन मैं मुझे मेरा मेरी हम आप आपका आपकी नहीं ना बहुत अभी सब कुछ लिए साथ जब तक धन्यवाद`)),
  zh: new Set(words(`的 了 是 我 你 他 她 它 们 我们 你们 他们 在 有 和 与 也 都 就 不 没 没有 很 非常 这 那 这个 那个 一个 吗 呢 吧 啊 把 被 对 让 给
    还 又 说 会 能 要 可以 因为 所以 但是 而且 谢谢 謝謝 這 這個 那個 們 我們 們 沒 沒有 還 說 會 對 讓 給 但 與`)),
};

function stopwordsFor(lang: string): Set<string> {
  const base = lang.toLowerCase().startsWith('zh') ? 'zh' : lang.toLowerCase().split(/[-_]/)[0]!;
  return STOPWORDS[base] ?? STOPWORDS.en!;
}

const isCjk = (w: string) => /[\u3400-\u9fff\uf900-\ufaff]/u.test(w);

/** The content words of a text, in order; null marks a break (a stopword or punctuation between). */
export function contentWords(text: string, lang: string): (string | null)[] {
  const stop = stopwordsFor(lang);
  const english = STOPWORDS.en!;
  let seg: Intl.Segmenter;
  try {
    seg = new Intl.Segmenter(lang, { granularity: 'word' });
  } catch {
    seg = new Intl.Segmenter('en', { granularity: 'word' });
  }
  const out: (string | null)[] = [];
  for (const s of seg.segment(text.normalize('NFKC'))) {
    if (!s.isWordLike) {
      if (/[.,;:!?。，、！？；：()\n]/u.test(s.segment)) out.push(null);
      continue;
    }
    const w = s.segment.toLocaleLowerCase(lang).replace(/['’]/g, '');
    const short = isCjk(w) ? w.length < 2 : [...w].length < 3;
    if (short || /^\d+$/.test(w) || stop.has(w) || english.has(w)) {
      out.push(null);
      continue;
    }
    out.push(w);
  }
  return out;
}

/** A comment's theme keys: distinct content words and adjacent two-word phrases, at most `max`. */
export function extractThemes(text: string, lang: string, max = 12): string[] {
  const ws = contentWords(text, lang);
  const keys = new Set<string>();
  for (const w of ws) if (w) keys.add(w);
  for (let i = 0; i + 1 < ws.length; i++) {
    const a = ws[i];
    const b = ws[i + 1];
    if (a && b && a !== b) keys.add(isCjk(a) && isCjk(b) ? `${a}${b}` : `${a} ${b}`);
  }
  return [...keys].slice(0, max);
}

/** The theme keys of a comment and its conversation's tags, lower-cased and deduplicated. */
export function commentThemes(text: string, lang: string, tags: readonly string[] = []): string[] {
  const keys = new Set(extractThemes(text, lang));
  for (const t of tags) {
    const k = t.trim().toLocaleLowerCase();
    if (k) keys.add(k.slice(0, 100));
  }
  return [...keys];
}

/** The most frequent keys over many comments (ties by key), e.g. for a quick grouping in memory. */
export function topThemes(perComment: string[][], limit = 20): { theme: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const keys of perComment) for (const k of new Set(keys)) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].map(([theme, count]) => ({ theme, count })).sort((a, b) => b.count - a.count || a.theme.localeCompare(b.theme)).slice(0, limit);
}
