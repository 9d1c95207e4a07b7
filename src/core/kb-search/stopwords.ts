/** Words too common to search by, per language (folded: lower case, no Latin diacritics). */
const lists: Record<string, string> = {
  en: `a an and are as at be been but by can could do does did for from how i if in into is it its me my
    no not of on or our so than that the their them then there these they this to up us was we were what
    when where which who why will with would you your yours please hi hello thanks thank want need get`,
  cy: `a ac ar am at i o y yr r yn n mae ydy ydych dych chi fi ni nhw ei eich ein fy gan gyda sut pam pryd
    beth be lle oes os fod bod wedi ddim dim na nid neu ond hefyd hwn hon hyn hynny yma yna rwy rydw
    rydych ydw allaf alla gallaf galla gallwch allwch wneud diolch helo plis`,
  pl: `a aby ale bo by byc czy dla do go i ich im jak jakie jaki jest je jego jej juz ja ma mam mnie moge
    moj moje na nad nie nim no o od po pod przez sa sie so ta tak te tego to tu ty w we z za ze co kiedy
    gdzie czemu dlaczego mozna prosze dzien dobry dziekuje chce czesc`,
  hi: `का के की को में से पर है हैं था थे थी और या भी तो ही यह वह मैं मेरा मेरी मेरे आप आपका आपकी आपके हम
    हमें क्या कैसे कब कहाँ कहां क्यों कौन कोई कुछ ने एक नहीं हो होता होती होते रहा रही रहे कर करें करूं करना
    सकता सकती सकते जी नमस्ते धन्यवाद कृपया चाहिए`,
  zh: `的 了 是 我 你 您 他 她 们 在 吗 呢 吧 啊 和 与 或 也 都 就 要 会 能 可以 怎么 怎样 如何 什么 哪 哪里
    为什么 请 谢谢 你好 这 那 一个 有 没有`,
};

const sets = new Map<string, Set<string>>(
  Object.entries(lists).map(([lang, words]) => [lang, new Set(words.split(/\s+/u).filter(Boolean))]),
);
const all = new Set([...sets.values()].flatMap((s) => [...s]));

/** Is `term` a stop word of `language`, or of any language when none is given? */
export function isStopword(term: string, language?: string): boolean {
  if (!language) return all.has(term);
  const key = language.startsWith('zh') ? 'zh' : language;
  return sets.get(key)?.has(term) ?? false;
}
