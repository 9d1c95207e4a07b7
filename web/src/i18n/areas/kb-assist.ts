import type { AreaText } from './area.ts';

const en = {
  bot: 'Bot',
  draft: 'Draft a reply',
  drafting: 'Drafting a reply from the knowledge base…',
  drafted: 'A draft is in the reply box; read and edit it before sending.',
  draftedFrom: 'A draft is in the reply box, from: {{titles}}. Read and edit it before sending.',
};

const cy: typeof en = {
  bot: 'Bot',
  draft: 'Drafftio ateb',
  drafting: "Yn drafftio ateb o'r sylfaen wybodaeth…",
  drafted: "Mae drafft yn y blwch ateb; darllenwch a golygwch ef cyn ei anfon.",
  draftedFrom: "Mae drafft yn y blwch ateb, o: {{titles}}. Darllenwch a golygwch ef cyn ei anfon.",
};

const pl: typeof en = {
  bot: 'Bot',
  draft: 'Szkic odpowiedzi',
  drafting: 'Przygotowuję szkic odpowiedzi z bazy wiedzy…',
  drafted: 'Szkic jest w polu odpowiedzi; przeczytaj go i popraw przed wysłaniem.',
  draftedFrom: 'Szkic jest w polu odpowiedzi, na podstawie: {{titles}}. Przeczytaj go i popraw przed wysłaniem.',
};

const hi: typeof en = {
  bot: 'बॉट',
  draft: 'जवाब का मसौदा बनाएँ',
  drafting: 'ज्ञानकोष से जवाब का मसौदा बन रहा है…',
  drafted: 'मसौदा जवाब वाले बॉक्स में है; भेजने से पहले पढ़ें और सुधारें।',
  draftedFrom: 'मसौदा जवाब वाले बॉक्स में है, इनसे: {{titles}}। भेजने से पहले पढ़ें और सुधारें।',
};

const zhHans: typeof en = {
  bot: '机器人',
  draft: '起草回复',
  drafting: '正在根据知识库起草回复…',
  drafted: '草稿已放入回复框；发送前请阅读并修改。',
  draftedFrom: '草稿已放入回复框，依据：{{titles}}。发送前请阅读并修改。',
};

const zhHant: typeof en = {
  bot: '機器人',
  draft: '草擬回覆',
  drafting: '正在根據知識庫草擬回覆…',
  drafted: '草稿已放入回覆框；傳送前請閱讀並修改。',
  draftedFrom: '草稿已放入回覆框，依據：{{titles}}。傳送前請閱讀並修改。',
};

export const kbAssist: AreaText<typeof en> = { en, cy, pl, hi, 'zh-Hans': zhHans, 'zh-Hant': zhHant };
