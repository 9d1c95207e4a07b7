import type { LexiconSource } from './types.ts';

/**
 * Welsh. Keys are radical (unmutated) forms; the compiler adds their soft, nasal and aspirate
 * mutations ("da" → "dda", "gwych" → "wych", "cwrtais" → "gwrtais"), so "yn dda" matches.
 * Clitics are split off at apostrophes ("gweithio'n" → "gweithio", "n").
 */
export const cy: LexiconSource = {
  words: {
    da: 2, gwych: 3, ardderchog: 3.2, arbennig: 2.8, anhygoel: 3.2, bendigedig: 3, hyfryd: 2.8, perffaith: 3, perffeithrwydd: 3,
    hapus: 2.5, balch: 2.3, bodlon: 2, cyfeillgar: 2.2, cwrtais: 2, caredig: 2, cymwynasgar: 2.2, hwylus: 1.8, hawdd: 1.5, cyflym: 1,
    diolch: 2, diolchgar: 2.5, gwerthfawrogi: 2.2, datrys: 1.5, datryswyd: 1.5, gwell: 1.5, gorau: 2.8, rhatach: 1, diogel: 1, waw: 1.5,
    grêt: 2.5, campus: 3, ffantastig: 3, gweithio: 0.8, ddiogel: 1, llwyddiannus: 2, clod: 2, llongyfarchiadau: 2.5,
    drwg: -2.5, gwael: -2.3, ofnadwy: -3, erchyll: -3.2, siomedig: -2.5, siom: -2.5, grac: -2.8, blin: -2.3, anhapus: -2.5, hurt: -2.5,
    annerbyniol: -3, anghwrtais: -2.8, gwaethaf: -3.4, gwaeth: -2.3, rhwystredig: -2.5, torri: -1.5, toredig: -2, difrodi: -2,
    difrod: -2, difetha: -2.5, dryslyd: -1.8, hwyr: -1.3, araf: -1.5, problem: -1.3, problemau: -1.3, jôc: -1.8, gwastraff: -2.5,
    chwalu: -1.8, anghywir: -1.8, cwyn: -1.8, cwyno: -1.8, poeni: -1, pryderus: -1.8, twyll: -3.5, sbwriel: -2.8, diwerth: -2.8,
    anobeithiol: -3, annifyr: -2.3, cythruddo: -2.5, cynddeiriog: -3.5, digalon: -2, trist: -2, colli: -1, nam: -1.5, gwall: -1.2,
  },
  stems: { siomed: -2.5, rhwystred: -2.5, ofnadw: -3, ardderchog: 3.2, gwerthfawrog: 2.2, problem: -1.3 },
  phrases: {
    'os gwelwch yn dda': 0, 'os gweli di n dda': 0, 'da i ddim': -2.8, 'yn dda i ddim': -2.8, 'wrth fy modd': 3, 'wrth ein bodd': 3,
    'wrth ei bodd': 3, 'wrth ei fodd': 3, 'llond bol': -2.8, 'cael digon': -2, 'wedi cael digon': -2.5, 'diolch yn fawr': 2.5,
    'diolch o galon': 2.8, 'dim ateb': -1.8, 'dal dim ateb': -2, 'colli amynedd': -2.5, 'n iawn': 1, 'yn iawn': 1, 'bore da': 0,
    'prynhawn da': 0, 'noswaith dda': 0, 'nos da': 0, 'dim problem': 1.5, 'dim yn gweithio': -2, 'ddim yn gweithio': -2,
    'dim byd yn gweithio': -2.5, 'rhoi r ffôn i lawr': -2, 'rhoddodd y ffôn i lawr': -2, 'ffioedd cudd': -2, 'neb yn poeni': -2.5,
    'neb yn helpu': -2, 'tâl cudd': -2, 'dim digon da': -2,
  },
  negators: ['ddim', 'dim', 'heb', 'byth', 'nid', 'nad', 'na', 'neb', 'nac', 'dydw', 'dyw', 'dydy', 'dydi', 'does', 'doedd', 'chaiff', 'nag'],
  boosters: { mor: 1.3, rhy: 1.15, hynod: 1.4, eithriadol: 1.5, gwirioneddol: 1.3, wir: 1.3, hollol: 1.3, braidd: 0.7, ychydig: 0.7, tipyn: 0.8, eithaf: 0.9, llwyr: 1.3 },
  postBoosters: { iawn: 1.3, dros: 1, llwyr: 1.3 },
  contrast: ['ond', 'er', 'serch'],
};
