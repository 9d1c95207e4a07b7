import type { LexiconSource } from './types.ts';

/**
 * Polish. Inflection is met by stems (word beginnings: "zadowol" → zadowolony, zadowolona,
 * zadowoleni); a word starting with "nie" that is not listed itself is read as its rest, negated
 * ("niezadowolony"). Diacritic-less spellings ("dziekuje") are added by the compiler.
 */
export const pl: LexiconSource = {
  words: {
    dzięki: 2, dziękuję: 2.2, dziekuje: 2.2, dziękujemy: 2.2, super: 2.5, ok: 0.5, okej: 0.5, wow: 1.5, rewelacja: 3.2, rewelacyjnie: 3.2,
    idealnie: 3, doskonale: 3.2, świetnie: 3, dobrze: 1.9, lepiej: 1.5, lepszy: 1.5, lepsza: 1.5, lepsze: 1.5, najlepszy: 2.8, najlepsza: 2.8,
    miło: 2, pięknie: 2.5, gładko: 1.5, szybko: 1, łatwo: 1.5, nieźle: 1.8, niezły: 1.8, niezła: 1.8, niezłe: 1.8, tańszy: 1, tańsza: 1,
    źle: -2.5, zły: -2.5, zła: -2.5, złe: -2.5, koszmar: -3, żenada: -3, żart: -1.8, porażka: -3, dramat: -2.8, masakra: -3, skandal: -3.2,
    oszustwo: -3.5, oszuści: -3.5, szkoda: -1.5, problem: -1.3, problemy: -1.3, problemów: -1.3, problemu: -1.3, błąd: -1.2, kłopot: -1.3,
    działa: 0.8, działało: 0.8, zadziałało: 1.2, rozwiązany: 1.8, rozwiązane: 1.8, pomogło: 1.8, pozdrawiam: 0.5, niestety: -1.3,
    niesamowity: 3.2, niesamowici: 3.2, niesamowite: 3.2, niesamowicie: 3.2, niedopuszczalne: -3, niedopuszczalny: -3, niegrzeczny: -2.8,
    niegrzeczna: -2.8, niezrozumiała: -1.8, niezrozumiały: -1.8, niezrozumiałe: -1.8, nieprzyjemny: -2.3, nieprzyjemna: -2.3,
    zawiesza: -1.8, zawiesił: -1.8, spóźnia: -1.3, spóźniona: -1.3, opóźnienie: -1.3, zepsuty: -2, zepsuła: -2, zepsuł: -2, zepsute: -2,
  },
  stems: {
    świetn: 3, wspaniał: 3, doskonał: 3.2, idealn: 3, znakomit: 3, fantastyczn: 3, rewelacyjn: 3.2, cudown: 3, piękn: 2.5, uwielbi: 3,
    zadowol: 2.2, usatysfakcjonowan: 2.2, zachwyc: 3, szczęśliw: 2.5, miły: 2, miła: 2, mili: 2, miłe: 2, pomocn: 2.2, uprzejm: 2,
    życzliw: 2, sympatyczn: 2, docen: 2.2, polec: 2, dobr: 1.9, łatw: 1.5, szybk: 1, wdzięczn: 2.5, profesjonaln: 1.8, rozwiąza: 1.2,
    fataln: -3, okropn: -3.2, straszn: -3, beznadziejn: -3, tragiczn: -3.2, najgorsz: -3.4, gorsz: -2.3, rozczarow: -2.5, zawiod: -2.5,
    zawiedzi: -2.5, zły: -2.5, złości: -2.5, wściek: -3.2, zdenerwowan: -2.3, denerwuj: -2.3, irytuj: -2.3, frustruj: -2.5, sfrustrowan: -2.5,
    bezużyteczn: -2.8, uszkodz: -2, zniszcz: -2.3, zepsu: -2, słab: -2, niegrzeczn: -2.8, chamsk: -3, skandaliczn: -3.2, kiepsk: -2.3,
    marn: -2.3, niedopuszczaln: -3, bezczeln: -3, smutn: -2, oszuk: -3.2, żałosn: -3, porażk: -3, nieprofesjonaln: -2.5, skarg: -1.8,
    reklamacj: -1, problem: -1.3, opóźni: -1.3, spóźni: -1.3, zawiesz: -1.8, nieczyn: -1.3, beznadzie: -3,
  },
  phrases: {
    'bez zarzutu': 3, 'mam dość': -2.8, 'mam już dosyć': -2.8, 'mam dosyć': -2.8, 'mam już dość': -2.8, 'szkoda pieniędzy': -2.8,
    'szkoda czasu': -2.8, 'strata czasu': -2.8, 'strata pieniędzy': -2.8, 'tracę cierpliwość': -2.5, 'brak odpowiedzi': -1.8,
    'nikogo to nie obchodzi': -2.5, 'nie obchodzi': -2, 'nie działa': -2, 'nic nie działa': -2.5, 'nie pomaga': -1.8, 'nikt nie pomaga': -2,
    'dzień dobry': 0, 'dobry wieczór': 0, 'wielkie dzięki': 2.8, 'bardzo dziękuję': 2.6, 'ukrytych opłat': -2, 'ukryte opłaty': -2,
    'jakiś żart': -2, 'w porządku': 1, 'nie ma problemu': 1.5, 'bez problemu': 1.5, 'bez problemów': 1.5, 'dobra wiadomość': 2,
    'dla mnie': 0, 'do dobrego': 0,
  },
  negators: ['nie', 'nigdy', 'bez', 'żaden', 'żadna', 'żadne', 'żadnych', 'żadnego', 'ani', 'nikt', 'nic', 'brak', 'brakuje', 'mało'],
  boosters: {
    bardzo: 1.3, naprawdę: 1.3, strasznie: 1.3, niesamowicie: 1.4, totalnie: 1.3, całkowicie: 1.3, zupełnie: 1.3, absolutnie: 1.4,
    tak: 1.2, taki: 1.2, taka: 1.2, takie: 1.2, zbyt: 1.15, wyjątkowo: 1.4, niezwykle: 1.4, szczególnie: 1.2, super: 1.3, ogromnie: 1.4,
    najbardziej: 1.3, trochę: 0.7, nieco: 0.7, lekko: 0.6, dość: 0.9, raczej: 0.8, wcale: 1.2, ciągle: 1.1, kompletnie: 1.3,
  },
  contrast: ['ale', 'jednak', 'lecz', 'natomiast', 'chociaż', 'choć'],
};
