import type { AreaText } from './area.ts';

const en = {
  label: 'Sentiment: {{direction}}, last third {{value}}',
  labelDrop: 'Sentiment: {{direction}}, last third {{value}}, sharp drop',
  none: 'Sentiment: no customer messages yet',
  direction: { rising: 'rising', falling: 'falling', steady: 'steady' },
  drop: 'Sharp drop',
  hint: 'The customer’s messages scored from −1 (negative) to 1 (positive), oldest to newest',
};

const cy: typeof en = {
  label: 'Teimlad: {{direction}}, y traean olaf {{value}}',
  labelDrop: 'Teimlad: {{direction}}, y traean olaf {{value}}, cwymp sydyn',
  none: 'Teimlad: dim negeseuon gan y cwsmer eto',
  direction: { rising: 'yn codi', falling: 'yn gostwng', steady: 'yn gyson' },
  drop: 'Cwymp sydyn',
  hint: 'Negeseuon y cwsmer wedi’u sgorio o −1 (negyddol) i 1 (cadarnhaol), o’r hynaf i’r diweddaraf',
};

const pl: typeof en = {
  label: 'Nastrój: {{direction}}, ostatnia jedna trzecia {{value}}',
  labelDrop: 'Nastrój: {{direction}}, ostatnia jedna trzecia {{value}}, gwałtowny spadek',
  none: 'Nastrój: brak jeszcze wiadomości od klienta',
  direction: { rising: 'rośnie', falling: 'spada', steady: 'stały' },
  drop: 'Gwałtowny spadek',
  hint: 'Wiadomości klienta ocenione od −1 (negatywne) do 1 (pozytywne), od najstarszej do najnowszej',
};

const hi: typeof en = {
  label: 'भावना: {{direction}}, अंतिम तिहाई {{value}}',
  labelDrop: 'भावना: {{direction}}, अंतिम तिहाई {{value}}, तेज़ गिरावट',
  none: 'भावना: ग्राहक का अभी कोई संदेश नहीं',
  direction: { rising: 'बढ़ रही है', falling: 'गिर रही है', steady: 'स्थिर' },
  drop: 'तेज़ गिरावट',
  hint: 'ग्राहक के संदेशों का स्कोर −1 (नकारात्मक) से 1 (सकारात्मक) तक, सबसे पुराने से नए तक',
};

const zhHans: typeof en = {
  label: '情绪：{{direction}}，最近三分之一 {{value}}',
  labelDrop: '情绪：{{direction}}，最近三分之一 {{value}}，急剧下降',
  none: '情绪：客户尚未发送消息',
  direction: { rising: '上升', falling: '下降', steady: '平稳' },
  drop: '急剧下降',
  hint: '客户消息的情绪得分，从 −1（负面）到 1（正面），按时间由旧到新',
};

const zhHant: typeof en = {
  label: '情緒：{{direction}}，最近三分之一 {{value}}',
  labelDrop: '情緒：{{direction}}，最近三分之一 {{value}}，急劇下降',
  none: '情緒：客戶尚未傳送訊息',
  direction: { rising: '上升', falling: '下降', steady: '平穩' },
  drop: '急劇下降',
  hint: '客戶訊息的情緒分數，從 −1（負面）到 1（正面），依時間由舊到新',
};

export const sentiment: AreaText<typeof en> = { en, cy, pl, hi, 'zh-Hans': zhHans, 'zh-Hant': zhHant };
