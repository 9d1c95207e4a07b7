/** The customer-facing texts of the survey page and mail, in the six supported languages. */
export interface SurveyStrings {
  title: string;
  scoreLegendHint: string;
  csatLow: string;
  csatHigh: string;
  npsLow: string;
  npsHigh: string;
  commentLabel: string;
  commentHint: string;
  submit: string;
  thanksTitle: string;
  thanks: string;
  invalidTitle: string;
  invalid: string;
  chooseScore: string;
  commentTooLong: string;
  tooMany: string;
  mailSubject: string;
  mailIntro: string;
  mailLink: string;
  mailExpires: string;
}

const en: SurveyStrings = {
  title: 'A quick question',
  scoreLegendHint: 'Choose one score.',
  csatLow: '1 = very unsatisfied',
  csatHigh: '5 = very satisfied',
  npsLow: '0 = not at all likely',
  npsHigh: '10 = extremely likely',
  commentLabel: 'Anything you would like to add? (optional)',
  commentHint: 'At most 2,000 characters.',
  submit: 'Send my answer',
  thanksTitle: 'Thank you',
  thanks: 'Your answer was recorded. It helps us do better.',
  invalidTitle: 'Survey unavailable',
  invalid: 'This survey link is no longer valid.',
  chooseScore: 'Please choose a score before sending.',
  commentTooLong: 'Your comment is longer than 2,000 characters; please shorten it.',
  tooMany: 'Too many attempts from your network; please try again in a minute.',
  mailSubject: 'How did we do?',
  mailIntro: 'Your conversation with {workspace} was resolved. We would value one click of feedback:',
  mailLink: 'Answer here (one question, with an optional comment):',
  mailExpires: 'This link works once, until {date}.',
};

export const SURVEY_STRINGS: Record<string, SurveyStrings> = {
  en,
  cy: {
    title: 'Cwestiwn cyflym',
    scoreLegendHint: 'Dewiswch un sgôr.',
    csatLow: '1 = anfodlon iawn',
    csatHigh: '5 = bodlon iawn',
    npsLow: '0 = ddim yn debygol o gwbl',
    npsHigh: '10 = tebygol iawn',
    commentLabel: 'Oes unrhyw beth yr hoffech ei ychwanegu? (dewisol)',
    commentHint: 'Hyd at 2,000 o nodau.',
    submit: 'Anfon fy ateb',
    thanksTitle: 'Diolch',
    thanks: 'Cofnodwyd eich ateb. Mae’n ein helpu i wella.',
    invalidTitle: 'Nid yw’r arolwg ar gael',
    invalid: 'Nid yw’r ddolen arolwg hon yn ddilys mwyach.',
    chooseScore: 'Dewiswch sgôr cyn anfon.',
    commentTooLong: 'Mae eich sylw yn hirach na 2,000 o nodau; byrhewch ef.',
    tooMany: 'Gormod o ymdrechion o’ch rhwydwaith; rhowch gynnig arall ymhen munud.',
    mailSubject: 'Sut wnaethon ni?',
    mailIntro: 'Cafodd eich sgwrs gyda {workspace} ei datrys. Byddem yn gwerthfawrogi un clic o adborth:',
    mailLink: 'Atebwch yma (un cwestiwn, gyda sylw dewisol):',
    mailExpires: 'Mae’r ddolen hon yn gweithio unwaith, tan {date}.',
  },
  pl: {
    title: 'Krótkie pytanie',
    scoreLegendHint: 'Wybierz jedną ocenę.',
    csatLow: '1 = bardzo niezadowolony',
    csatHigh: '5 = bardzo zadowolony',
    npsLow: '0 = zupełnie nieprawdopodobne',
    npsHigh: '10 = niemal pewne',
    commentLabel: 'Czy chcesz coś dodać? (opcjonalnie)',
    commentHint: 'Maksymalnie 2000 znaków.',
    submit: 'Wyślij odpowiedź',
    thanksTitle: 'Dziękujemy',
    thanks: 'Twoja odpowiedź została zapisana. Pomaga nam działać lepiej.',
    invalidTitle: 'Ankieta niedostępna',
    invalid: 'Ten link do ankiety nie jest już ważny.',
    chooseScore: 'Wybierz ocenę przed wysłaniem.',
    commentTooLong: 'Komentarz ma ponad 2000 znaków; skróć go.',
    tooMany: 'Zbyt wiele prób z Twojej sieci; spróbuj ponownie za minutę.',
    mailSubject: 'Jak nam poszło?',
    mailIntro: 'Twoja rozmowa z {workspace} została zakończona. Będziemy wdzięczni za jedno kliknięcie opinii:',
    mailLink: 'Odpowiedz tutaj (jedno pytanie i opcjonalny komentarz):',
    mailExpires: 'Link działa jeden raz, do {date}.',
  },
  hi: {
    title: 'एक छोटा सा प्रश्न',
    scoreLegendHint: 'एक अंक चुनें।',
    csatLow: '1 = बहुत असंतुष्ट',
    csatHigh: '5 = बहुत संतुष्ट',
    npsLow: '0 = बिल्कुल संभावना नहीं',
    npsHigh: '10 = अत्यधिक संभावना',
    commentLabel: 'क्या आप कुछ और जोड़ना चाहेंगे? (वैकल्पिक)',
    commentHint: 'अधिकतम 2,000 अक्षर।',
    submit: 'मेरा उत्तर भेजें',
    thanksTitle: 'धन्यवाद',
    thanks: 'आपका उत्तर दर्ज हो गया। इससे हमें बेहतर करने में मदद मिलती है।',
    invalidTitle: 'सर्वेक्षण उपलब्ध नहीं',
    invalid: 'यह सर्वेक्षण लिंक अब मान्य नहीं है।',
    chooseScore: 'भेजने से पहले कृपया एक अंक चुनें।',
    commentTooLong: 'आपकी टिप्पणी 2,000 अक्षरों से लंबी है; कृपया इसे छोटा करें।',
    tooMany: 'आपके नेटवर्क से बहुत अधिक प्रयास; कृपया एक मिनट बाद पुनः प्रयास करें।',
    mailSubject: 'हमारा काम कैसा रहा?',
    mailIntro: '{workspace} के साथ आपकी बातचीत हल हो गई। आपकी एक क्लिक की प्रतिक्रिया हमारे लिए मूल्यवान होगी:',
    mailLink: 'यहाँ उत्तर दें (एक प्रश्न, वैकल्पिक टिप्पणी के साथ):',
    mailExpires: 'यह लिंक केवल एक बार, {date} तक काम करता है।',
  },
  'zh-Hans': {
    title: '一个简短的问题',
    scoreLegendHint: '请选择一个分数。',
    csatLow: '1 = 非常不满意',
    csatHigh: '5 = 非常满意',
    npsLow: '0 = 完全不可能',
    npsHigh: '10 = 极有可能',
    commentLabel: '还有什么想补充的吗？（可选）',
    commentHint: '最多 2,000 个字符。',
    submit: '提交我的回答',
    thanksTitle: '谢谢',
    thanks: '您的回答已记录，这能帮助我们做得更好。',
    invalidTitle: '调查不可用',
    invalid: '此调查链接已失效。',
    chooseScore: '提交前请选择一个分数。',
    commentTooLong: '您的评论超过 2,000 个字符，请缩短。',
    tooMany: '来自您网络的尝试过多，请一分钟后再试。',
    mailSubject: '我们做得怎么样？',
    mailIntro: '您与 {workspace} 的对话已解决。请花一秒钟给我们反馈：',
    mailLink: '在此回答（一个问题，可附评论）：',
    mailExpires: '此链接仅可使用一次，有效期至 {date}。',
  },
  'zh-Hant': {
    title: '一個簡短的問題',
    scoreLegendHint: '請選擇一個分數。',
    csatLow: '1 = 非常不滿意',
    csatHigh: '5 = 非常滿意',
    npsLow: '0 = 完全不可能',
    npsHigh: '10 = 極有可能',
    commentLabel: '還有什麼想補充的嗎？（選填）',
    commentHint: '最多 2,000 個字元。',
    submit: '送出我的回答',
    thanksTitle: '謝謝',
    thanks: '您的回答已記錄，這能幫助我們做得更好。',
    invalidTitle: '調查無法使用',
    invalid: '此調查連結已失效。',
    chooseScore: '送出前請選擇一個分數。',
    commentTooLong: '您的意見超過 2,000 個字元，請縮短。',
    tooMany: '來自您網路的嘗試過多，請一分鐘後再試。',
    mailSubject: '我們做得如何？',
    mailIntro: '您與 {workspace} 的對話已解決。請花一秒鐘給我們意見：',
    mailLink: '在此回答（一個問題，可附意見）：',
    mailExpires: '此連結僅可使用一次，有效期至 {date}。',
  },
};

export const surveyStrings = (lang: string): SurveyStrings => SURVEY_STRINGS[lang] ?? en;
