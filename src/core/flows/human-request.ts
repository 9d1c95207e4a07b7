/**
 * "I want a person": detected in every product language at once (customers switch languages, and
 * asking for a human must always work). Also the yes/no reading of short answers.
 */
import { anyPhrase, compile, findPhrase, prepare, type Phrase } from './phrases.ts';

const HUMAN: Record<string, readonly string[]> = {
  en: [
    'human*', 'a person', 'real person', 'actual person', 'live person', 'live agent', 'an agent', 'real agent',
    'speak to someone', 'talk to someone', 'speak with someone', 'talk with someone', 'speak to somebody',
    'talk to somebody', 'speak to a person', 'talk to a person', 'operator', 'representative', 'someone real',
    'customer service agent', 'staff member', 'member of staff', 'real people', 'support agent',
  ],
  cy: [
    'siarad a rhywun', 'siarad gyda rhywun', 'siarad efo rhywun', 'siarad a pherson', 'siarad gyda pherson',
    'siarad efo person', 'person go iawn', 'person byw', 'rhywun go iawn', 'bod dynol', 'asiant', 'aelod o staff',
    'gweithredwr', 'eisiau person', 'isio person',
  ],
  pl: [
    'czlowiek*', 'konsultant*', 'operator*', 'pracownik*', 'agent*', 'zyw* osob*', 'prawdziw* osob*',
    'rozmawiac z kims', 'porozmawiac z kims', 'rozmowa z kims', 'z osoba', 'zywy czlowiek', 'obslug* klienta',
  ],
  hi: [
    'इंसान', 'इन्सान', 'मनुष्य', 'व्यक्ति से बात', 'किसी से बात', 'किसी व्यक्ति', 'असली व्यक्ति', 'एजेंट', 'प्रतिनिधि',
    'ऑपरेटर', 'आदमी से बात', 'insaan', 'insan', 'kisi se baat', 'agent se baat', 'asli insaan',
  ],
  'zh-Hans': ['人工客服', '转人工', '人工服务', '真人', '人工', '客服人员', '接线员', '坐席', '找人工', '和人说话', '跟人说话', '找个人'],
  'zh-Hant': ['人工客服', '轉人工', '人工服務', '真人', '人工', '客服人員', '接線員', '專員', '跟人說話', '和人說話', '找個人'],
};

/** Phrases that contain a trigger but are not a request for a person. */
const NOT_HUMAN = compile(['人工智能', '人工智慧', 'human error', 'human resources', 'humanitarian']);

const HUMAN_ALL: Phrase[] = compile(Object.values(HUMAN).flat());

/** Whether the message asks for a person (any of the six languages). */
export function isHumanRequest(text: string): boolean {
  if (text.length === 0 || text.length > 2000) return false;
  const p = prepare(text);
  if (anyPhrase(p, NOT_HUMAN)) {
    // Take the false friend out and look again.
    const cleaned = NOT_HUMAN.reduce((t, ph) => t.split(ph.raw).join(' '), text.toLowerCase());
    return anyPhrase(prepare(cleaned), HUMAN_ALL) !== null;
  }
  return anyPhrase(p, HUMAN_ALL) !== null;
}

const YES: Record<string, readonly string[]> = {
  en: ['yes', 'yeah', 'yep', 'yup', 'y', 'sure', 'correct', 'it did', 'thanks', 'thank you', 'ok', 'okay', 'perfect', 'great', 'solved', 'that helped', 'helpful'],
  cy: ['do', 'ie', 'iawn', 'diolch', 'ydy', 'ydw', 'wnaeth', 'gwych', 'perffaith'],
  pl: ['tak', 'jasne', 'oczywiscie', 'dziekuje', 'dzieki', 'pomoglo', 'zgadza sie', 'super', 'no tak'],
  hi: ['हाँ', 'हां', 'जी हाँ', 'हाँ जी', 'जी', 'ठीक है', 'धन्यवाद', 'शुक्रिया', 'मिल गया', 'हो गया', 'haan', 'ji'],
  'zh-Hans': ['是的', '是', '对', '好的', '好', '有', '解决了', '谢谢', '可以', '嗯'],
  'zh-Hant': ['是的', '是', '對', '好的', '好', '有', '解決了', '謝謝', '可以', '嗯'],
};
const NO: Record<string, readonly string[]> = {
  en: ['no', 'nope', 'nah', 'n', 'not really', 'didnt', 'did not', 'doesnt', 'not helpful', 'not at all', 'wrong'],
  cy: ['naddo', 'na', 'nac ydy', 'nac ydw', 'ddim', 'dim o gwbl'],
  pl: ['nie', 'niestety', 'nie bardzo', 'wcale'],
  hi: ['नहीं', 'नही', 'ना', 'जी नहीं', 'nahi', 'nahin', 'na'],
  'zh-Hans': ['不', '否', '没有', '没', '不是', '不对', '不行'],
  'zh-Hant': ['不', '否', '沒有', '沒', '不是', '不對', '不行'],
};
const YES_ALL = compile(Object.values(YES).flat());
const NO_ALL = compile(Object.values(NO).flat());

/**
 * "yes", "Naddo", "不是"… → 'yes' | 'no'; null for anything else. A reply counts when it starts
 * with the word (or is at most three words that contain it); questions and long texts do not.
 */
export function yesNo(text: string): 'yes' | 'no' | null {
  const t = text.trim();
  if (t.length === 0 || t.length > 40 || /[?？]$/.test(t)) return null;
  const p = prepare(t);
  const short = p.tokens.length <= 3;
  const hit = (list: Phrase[]) => list.some((ph) => (short ? findPhrase(p, ph) >= 0 : findPhrase(p, ph) === 0));
  if (hit(NO_ALL)) return 'no';
  if (hit(YES_ALL)) return 'yes';
  return null;
}
