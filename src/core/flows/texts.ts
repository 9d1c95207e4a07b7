/** The engine's own words (used when a node gives none), in the six product languages. */
import type { LocalizedText } from './schema.ts';
import { pickText } from './template.ts';

const T = {
  kbConfirm: {
    en: 'Did that answer your question?',
    cy: "A wnaeth hynny ateb eich cwestiwn?",
    pl: 'Czy to odpowiedziało na Twoje pytanie?',
    hi: 'क्या इससे आपके प्रश्न का उत्तर मिला?',
    'zh-Hans': '这是否解答了您的问题？',
    'zh-Hant': '這是否解答了您的問題？',
  },
  kbRephrase: {
    en: 'Could you ask your question another way?',
    cy: "Allwch chi ofyn eich cwestiwn mewn ffordd arall?",
    pl: 'Czy możesz zadać pytanie inaczej?',
    hi: 'क्या आप अपना प्रश्न दूसरे शब्दों में पूछ सकते हैं?',
    'zh-Hans': '您能换一种方式描述您的问题吗？',
    'zh-Hant': '您能換一種方式描述您的問題嗎？',
  },
  yes: { en: 'Yes', cy: 'Do', pl: 'Tak', hi: 'हाँ', 'zh-Hans': '是', 'zh-Hant': '是' },
  no: { en: 'No', cy: 'Naddo', pl: 'Nie', hi: 'नहीं', 'zh-Hans': '否', 'zh-Hant': '否' },
  handover: {
    en: 'I am passing you to a member of our team.',
    cy: "Rwy'n eich trosglwyddo i aelod o'n tîm.",
    pl: 'Przekazuję rozmowę do członka naszego zespołu.',
    hi: 'आपको हमारी टीम के एक सदस्य से जोड़ा जा रहा है।',
    'zh-Hans': '正在为您转接人工客服。',
    'zh-Hant': '正在為您轉接真人客服。',
  },
  error: {
    en: 'Sorry, something went wrong.',
    cy: "Mae'n ddrwg gennym, aeth rhywbeth o'i le.",
    pl: 'Przepraszamy, coś poszło nie tak.',
    hi: 'क्षमा करें, कुछ गड़बड़ हो गई।',
    'zh-Hans': '抱歉，出了点问题。',
    'zh-Hant': '抱歉，出了點問題。',
  },
  csat: {
    en: 'How would you rate our help, from 1 (poor) to 5 (excellent)?',
    cy: "Sut fyddech chi'n graddio ein cymorth, o 1 (gwael) i 5 (rhagorol)?",
    pl: 'Jak oceniasz naszą pomoc w skali od 1 (słabo) do 5 (doskonale)?',
    hi: 'आप हमारी सहायता को 1 (खराब) से 5 (उत्कृष्ट) तक कैसे आँकेंगे?',
    'zh-Hans': '请为我们的服务打分，1（差）到 5（非常好）。',
    'zh-Hant': '請為我們的服務評分，1（差）到 5（非常好）。',
  },
  invalidText: {
    en: 'Sorry, I did not understand that. Please try again.',
    cy: "Mae'n ddrwg gen i, doeddwn i ddim yn deall hynny. Rhowch gynnig arall arni.",
    pl: 'Przepraszam, nie rozumiem. Spróbuj ponownie.',
    hi: 'क्षमा करें, यह समझ नहीं आया। कृपया फिर से प्रयास करें।',
    'zh-Hans': '抱歉，我没有理解，请重试。',
    'zh-Hant': '抱歉，我沒有理解，請重試。',
  },
  invalidEmail: {
    en: 'That does not look like a valid email address. Please try again.',
    cy: "Nid yw hwnnw'n edrych fel cyfeiriad e-bost dilys. Rhowch gynnig arall arni.",
    pl: 'To nie wygląda na poprawny adres e-mail. Spróbuj ponownie.',
    hi: 'यह मान्य ईमेल पता नहीं लगता। कृपया फिर से प्रयास करें।',
    'zh-Hans': '这似乎不是有效的电子邮件地址，请重试。',
    'zh-Hant': '這似乎不是有效的電子郵件地址，請重試。',
  },
  invalidPhone: {
    en: 'That does not look like a valid phone number. Please try again.',
    cy: "Nid yw hwnnw'n edrych fel rhif ffôn dilys. Rhowch gynnig arall arni.",
    pl: 'To nie wygląda na poprawny numer telefonu. Spróbuj ponownie.',
    hi: 'यह मान्य फ़ोन नंबर नहीं लगता। कृपया फिर से प्रयास करें।',
    'zh-Hans': '这似乎不是有效的电话号码，请重试。',
    'zh-Hant': '這似乎不是有效的電話號碼，請重試。',
  },
  invalidNumber: {
    en: 'Please enter a number.',
    cy: 'Rhowch rif, os gwelwch yn dda.',
    pl: 'Podaj liczbę.',
    hi: 'कृपया एक संख्या दर्ज करें।',
    'zh-Hans': '请输入一个数字。',
    'zh-Hant': '請輸入一個數字。',
  },
  invalidDate: {
    en: 'Please enter a date, for example 2026-12-31.',
    cy: 'Rhowch ddyddiad, er enghraifft 2026-12-31.',
    pl: 'Podaj datę, na przykład 2026-12-31.',
    hi: 'कृपया एक तारीख़ दर्ज करें, जैसे 2026-12-31।',
    'zh-Hans': '请输入日期，例如 2026-12-31。',
    'zh-Hant': '請輸入日期，例如 2026-12-31。',
  },
  invalidChoice: {
    en: 'Please choose one of the options.',
    cy: "Dewiswch un o'r opsiynau, os gwelwch yn dda.",
    pl: 'Wybierz jedną z opcji.',
    hi: 'कृपया विकल्पों में से एक चुनें।',
    'zh-Hans': '请选择其中一个选项。',
    'zh-Hant': '請選擇其中一個選項。',
  },
  chooseLanguage: {
    en: 'Which language would you like to use?',
    cy: "Pa iaith hoffech chi ei defnyddio?",
    pl: 'W jakim języku chcesz kontynuować?',
    hi: 'आप कौन-सी भाषा उपयोग करना चाहेंगे?',
    'zh-Hans': '您想使用哪种语言？',
    'zh-Hant': '您想使用哪種語言？',
  },
  /** Voice menus: one sentence per option; {label} and {key} are replaced. */
  pressFor: {
    en: 'For {label}, press {key}.',
    cy: 'Ar gyfer {label}, pwyswch {key}.',
    pl: '{label} – naciśnij {key}.',
    hi: '{label} के लिए {key} दबाएँ।',
    'zh-Hans': '{label}请按{key}。',
    'zh-Hant': '{label}請按{key}。',
  },
  /** SMS menus: the line under the numbered options. */
  replyWithNumber: {
    en: 'Reply with a number or the name of an option.',
    cy: "Atebwch gyda rhif neu enw'r opsiwn.",
    pl: 'Odpowiedz numerem lub nazwą opcji.',
    hi: 'किसी संख्या या विकल्प के नाम से उत्तर दें।',
    'zh-Hans': '请回复编号或选项名称。',
    'zh-Hant': '請回覆編號或選項名稱。',
  },
  /** Voice CSAT. */
  csatPress: {
    en: 'Press a key from 1 to 5.',
    cy: 'Pwyswch allwedd o 1 i 5.',
    pl: 'Naciśnij klawisz od 1 do 5.',
    hi: '1 से 5 तक कोई कुंजी दबाएँ।',
    'zh-Hans': '请按 1 到 5 之间的数字键。',
    'zh-Hant': '請按 1 到 5 之間的數字鍵。',
  },
  /** SMS CSAT. */
  csatReply: {
    en: 'Reply with a number from 1 to 5.',
    cy: 'Atebwch gyda rhif o 1 i 5.',
    pl: 'Odpowiedz liczbą od 1 do 5.',
    hi: '1 से 5 तक की संख्या के साथ उत्तर दें।',
    'zh-Hans': '请回复 1 到 5 之间的数字。',
    'zh-Hant': '請回覆 1 到 5 之間的數字。',
  },
} satisfies Record<string, LocalizedText>;

export type BuiltInText = keyof typeof T;

export function builtIn(key: BuiltInText, language: string): string {
  return pickText(T[key], language);
}

export function builtInLocalized(key: BuiltInText): LocalizedText {
  return T[key];
}

/** A language's own name, for language menus. */
export const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English',
  cy: 'Cymraeg',
  pl: 'Polski',
  hi: 'हिन्दी',
  'zh-Hans': '简体中文',
  'zh-Hant': '繁體中文',
};
