import { francAll } from 'franc-all';
import { sentimentLanguages, type SentimentLanguage } from './types.ts';

/**
 * Cheap language detection for scoring: the script decides Hindi (Devanagari) and Chinese
 * (Traditional when a Traditional-only character appears); among Latin-script texts, letters and
 * function words only one language uses decide, then franc-all restricted to en/cy/pl, else English.
 * Romanised Hindi is recognised by its function words.
 */


/**
 * Frequent characters that exist only in Traditional writing (their Simplified forms differ).
 * A unit test checks each one against OpenCC.
 */
const TRADITIONAL = new Set(
  '們個這對還會說時東車長門問為麼裡沒點錢買賣開關發國來過進後動應興當從實無與謝請經機價誤壞滿態費號帳單貨運電話網務讓覺變辦檢驗權數據設計產線連結訊氣愛歡樂讀寫聽風見觀現總員專業條義區層場報壓幫幾樣邊種聯處間親認識學習頭臉體館醫療護藥錯碼廠幣標準備雜難題測試證圖書紀錄歷隊語詞譯議論課級紅綠藍黃顏質賬戶郵遞訂閱預約銷購衛聲響鐘鍵盤顯視頻鏡雙積極惡憂慮傷閒懶盡給絕緊練續維終於絡頁傳輸節細織績歲萬億兩擔懷舊虧損嗎啟師貴須優濕毀鎖',
);

const HINTS: Record<'en' | 'cy' | 'pl' | 'hi', Set<string>> = {
  en: new Set('the is and to my you it for this not was with have of your thanks please can what how when where do does me are am be been as always that there will would our we'.split(' ')),
  cy: new Set('y yr mae yn dw ddim diolch chi fy ar ac am gyda iawn hyn ond roedd does dyw dydw wedi eich sut beth ydy oes dyma fe ni os ydych oedd yw ei angen dyna ble gyfer arna fydd pryd faint'.split(' ')),
  pl: new Set('nie jest w na się to z że do jak czy mam mój moje jestem dziękuję proszę bardzo już po ale co za od tak jeszcze przez dla są'.split(' ')),
  hi: new Set('hai nahi nahin mera meri mujhe kya ka ki ko se bahut hoon hu ho aap aapka aapki kar karna gaya gayi tha abhi kuch sab ab raha rahi kab hoga bilkul kaise kyun mein bhi'.split(' ')),
};
const LETTERS: [RegExp, 'pl' | 'cy'][] = [[/[ąćęłńśźż]/u, 'pl'], [/[ŵŷ]/u, 'cy']];
/** Word → the languages it is a function word of (one look-up per word). */
const HINT_OF = new Map<string, ('en' | 'cy' | 'pl' | 'hi')[]>();
for (const [l, words] of Object.entries(HINTS) as [keyof typeof HINTS, Set<string>][]) for (const w of words) HINT_OF.set(w, [...(HINT_OF.get(w) ?? []), l]);
/** Words, apostrophes splitting them ("dyna'n" → "dyna", "n"). */
const WORD = /\p{L}+/gu;
const iso3: Record<string, SentimentLanguage> = { eng: 'en', cym: 'cy', pol: 'pl' };

/** The app's language for a tag like "en-GB", "zh-TW", "zh-Hans", else null. */
export function asSentimentLanguage(tag: string | null | undefined): SentimentLanguage | null {
  if (!tag) return null;
  if ((sentimentLanguages as readonly string[]).includes(tag)) return tag as SentimentLanguage;
  const t = tag.toLowerCase();
  if (t.startsWith('zh')) return /hant|tw|hk|mo/.test(t) ? 'zh-Hant' : 'zh-Hans';
  const base = t.split(/[-_]/)[0]!;
  return (sentimentLanguages as readonly string[]).includes(base) ? (base as SentimentLanguage) : null;
}

export function detectSentimentLanguage(text: string): SentimentLanguage {
  const t = text.length > 1000 ? text.slice(0, 1000) : text;
  let han = 0;
  let deva = 0;
  let latin = 0;
  let traditional = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x80) latin += (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a ? 1 : 0;
    else if (c >= 0xc0 && c < 0x250) latin++;
    else if (c >= 0x900 && c < 0x980) deva++;
    else if ((c >= 0x4e00 && c < 0xa000) || (c >= 0x3400 && c < 0x4dc0) || (c >= 0xf900 && c < 0xfb00)) {
      han++;
      if (!traditional && TRADITIONAL.has(t[i]!)) traditional = true;
    }
  }
  if (han > 0 && han >= deva && han * 3 >= latin) return traditional ? 'zh-Hant' : 'zh-Hans';
  if (deva > 0 && deva >= latin) return 'hi';
  if (latin === 0) return 'en';
  const lower = t.toLowerCase();
  const counts = { en: 0, cy: 0, pl: 0, hi: 0 };
  for (const [re, l] of LETTERS) if (re.test(lower)) counts[l] += 2;
  WORD.lastIndex = 0;
  let n = 0;
  for (let m = WORD.exec(lower); m && n < 40; m = WORD.exec(lower), n++) {
    const langs = HINT_OF.get(m[0]);
    if (langs) for (const l of langs) counts[l]++;
  }
  const ranked = (Object.entries(counts) as [keyof typeof counts, number][]).sort((a, b) => b[1] - a[1]);
  if (ranked[0]![1] > 0 && ranked[0]![1] > ranked[1]![1]) return ranked[0]![0];
  if (latin < 10) return 'en';
  // franc-all costs ~150 µs a call here: only ties get that far, with at most 200 characters.
  const best = francAll(t.slice(0, 200), { only: ['eng', 'cym', 'pol'], minLength: 10 })[0];
  return (best && iso3[best[0]]) || 'en';
}
