import type { LexiconSource } from './types.ts';

/**
 * Hindi in Devanagari (keys without nukta: the compiler and the tokenizer both drop it, so
 * "ख़राब" and "खराब" are one word) and in common romanised spellings. English words that
 * Hindi speakers mix in ("thank you", "problem") are read through the English lexicon.
 * "नहीं" follows what it negates ("खुश नहीं हूँ"), so it is a negator-after.
 */
export const hi: LexiconSource = {
  words: {
    धन्यवाद: 2.2, शुक्रिया: 2.2, आभार: 2.2, आभारी: 2.5, बढ़िया: 3, बढिया: 3, अच्छा: 2, अच्छी: 2, अच्छे: 2, बेहतर: 1.5, बेहतरीन: 3,
    शानदार: 3, कमाल: 3, जबरदस्त: 3, उत्तम: 3, सुंदर: 2.5, खुश: 2.5, प्रसन्न: 2.5, संतुष्ट: 2.2, पसंद: 2, प्यार: 2.5, मददगार: 2.2,
    विनम्र: 2, सहायक: 1.8, आसान: 1.5, आसानी: 1.5, सही: 1.3, ठीक: 1, तेज: 1, जल्दी: 0.5, सस्ता: 1, सस्ती: 1, वाह: 2, हल: 1.5,
    सुलझ: 1.5, सुलझा: 1.5, सुलझाने: 1.5, सुलझाया: 1.5, उत्कृष्ट: 3, लाजवाब: 3.2, मस्त: 2.5, सराहनीय: 2.5, भरोसेमंद: 2,
    खराब: -2.5, बुरा: -2.5, बुरी: -2.5, बुरे: -2.5, बेकार: -2.8, घटिया: -3.2, निराश: -2.5, निराशा: -2.5, निराशाजनक: -2.5, परेशान: -2.3,
    परेशानी: -1.5, समस्या: -1.3, समस्याओं: -1.3, दिक्कत: -1.3, गलत: -2, गुस्सा: -2.8, नाराज: -2.5, बदतमीजी: -2.8, बदतमीज: -2.8,
    बर्बादी: -2.8, बर्बाद: -2.8, टूटा: -1.8, टूटी: -1.8, टूटे: -1.8, क्रैश: -1.8, लेट: -1.3, देरी: -1.3, धोखा: -3.5, धोखाधड़ी: -3.5,
    मजाक: -1.8, शर्मनाक: -3, भयानक: -3.2, दुखी: -2.3, दुख: -2, शिकायत: -1.8, असंतुष्ट: -2.5, झूठ: -2.5, बकवास: -3, फालतू: -2.5,
    thanks: 2, shukriya: 2.2, dhanyavaad: 2.2, dhanyawad: 2.2, dhanyavad: 2.2, badhiya: 3, badiya: 3, achha: 2, accha: 2, acha: 2,
    achchha: 2, achhi: 2, acchi: 2, achhe: 2, acche: 2, behtar: 1.5, behtareen: 3, shandaar: 3, shandar: 3, kamaal: 3, kamal: 3,
    zabardast: 3, jabardast: 3, khush: 2.5, pasand: 2, theek: 1, thik: 1, sahi: 1.3, mast: 2.5, aasan: 1.5, asaan: 1.5, wah: 2,
    bekar: -2.8, bekaar: -2.8, kharab: -2.5, kharaab: -2.5, bura: -2.5, buri: -2.5, ghatiya: -3.2, pareshan: -2.3, pareshaan: -2.3,
    pareshani: -1.5, barbaad: -2.8, barbad: -2.8, galat: -2, gussa: -2.8, naraz: -2.5, naraaz: -2.5, nirash: -2.5, bakwas: -3,
    bakwaas: -3, dhoka: -3.5, dhokha: -3.5, faltu: -2.5,
  },
  phrases: {
    'एकदम सही': 3, 'बिल्कुल सही': 2.5, 'तंग आ': -2.8, 'धैर्य खत्म': -2.5, 'जवाब नहीं दिया': -1.8, 'कोई जवाब नहीं': -1.8,
    'परवाह नहीं': -2, 'मदद नहीं': -1.8, 'काम नहीं': -2, 'समझ में नहीं': -1.3, 'छिपे हुए चार्ज': -2, 'पैसे की बर्बादी': -3,
    'reply nahi': -1.8, 'jawab nahi': -1.8, 'kaam nahi': -2, 'tang aa': -2.8, 'paisa barbaad': -3, 'thank you': 2.2,
  },
  negators: ['बिना', 'मत', 'न', 'bina', 'mat', 'not', 'never', 'no', "don't", "doesn't", "didn't"],
  negatorsAfter: ['नहीं', 'नही', 'ना', 'nahi', 'nahin', 'nhi', 'nahii', 'na'],
  boosters: {
    बहुत: 1.3, काफी: 1.15, बेहद: 1.5, अत्यंत: 1.5, बिल्कुल: 1.2, सबसे: 1.3, ज्यादा: 1.2, एकदम: 1.3, सच: 1.1, बड़ा: 1.2, बड़ी: 1.2,
    थोड़ा: 0.7, थोड़ी: 0.7, कुछ: 0.9, 'भी': 1, bahut: 1.3, bohot: 1.3, bahot: 1.3, bilkul: 1.2, ekdum: 1.3, kaafi: 1.15, thoda: 0.7,
    sabse: 1.3, very: 1.3, so: 1.2, really: 1.3,
  },
  contrast: ['लेकिन', 'मगर', 'परंतु', 'किंतु', 'lekin', 'magar', 'but'],
};
