/**
 * Search text analysis per chat message (src/core/search/analyze.ts, terms.ts): what the search
 * indexer spends on each new message before it is written, on the event loop (decision 026).
 *
 *   npx tsx bench/search-analysis.ts
 *   BENCH_CALLS=200000 npx tsx bench/search-analysis.ts
 *
 * Texts: the chat bench's sentences (Latin script: the regular-expression path) and the same
 * number in Chinese, Hindi and with an emoji (Intl.Segmenter). Baseline in the same run:
 * `text.toLowerCase().split(/\s+/)` over the same texts. Prints µs per call (best of 3 rounds) and
 * the ratio to the baseline.
 */
import { analyze, segmenterWords } from '../src/core/search/analyze.ts';
import { documentVector } from '../src/core/search/terms.ts';

const CALLS = Number(process.env.BENCH_CALLS ?? 60_000);
const latin = [
  'Hi, I ordered a blue jacket last week and it has not arrived yet, can you check? b-1234-5',
  'Thanks, that helps a lot. b-1234-6',
  'Can I change the delivery address on my order? b-1234-7',
  'The discount code does not work at checkout. b-1234-8',
  'Dzień dobry, czy mogę zwrócić buty kupione w zeszłym tygodniu? b-1234-9',
  'Is the store open on Sunday? b-1234-10',
];
const other = [
  '我上周订购了一件蓝色夹克，还没有到货，可以帮我查一下吗？',
  '請問退貨政策是什麼？',
  'मुझे रिफंड चाहिए, मेरा ऑर्डर अभी तक नहीं आया',
  'Thanks, that helps a lot 👍',
  'Ble mae’r siop agosaf? Diolch yn fawr 😊',
  'Czy mogę zmienić adres dostawy? ✨',
];

function time(texts: readonly string[], fn: (t: string) => number): number {
  let best = Number.POSITIVE_INFINITY;
  let sink = 0;
  for (let round = 0; round < 3; round++) {
    const t0 = performance.now();
    for (let i = 0; i < CALLS; i++) sink += fn(texts[i % texts.length]!);
    best = Math.min(best, ((performance.now() - t0) * 1000) / CALLS);
  }
  if (sink < 0) console.log(sink);
  return best;
}

console.log(`search analysis: ${CALLS.toLocaleString('en')} calls a round, best of 3; node ${process.version}`);
console.log('');
console.log('| texts | what | µs / call | × baseline |');
console.log('|---|---|---:|---:|');
for (const [name, texts] of [['Latin (chat bench)', latin], ['Chinese, Hindi, emoji', other]] as const) {
  const base = time(texts, (t) => t.toLowerCase().split(/\s+/).length);
  const rows: [string, number][] = [
    ['baseline `toLowerCase().split(/\\s+/)`', base],
    ['Intl.Segmenter words alone', time(texts, (t) => segmenterWords(t).length)],
    ['`analyze`', time(texts, (t) => analyze(t).length)],
    ['`documentVector` (analyze + tsvector literal)', time(texts, (t) => documentVector('', t).length)],
  ];
  for (const [what, us] of rows) console.log(`| ${name} | ${what} | ${us.toFixed(2)} | ${(us / base).toFixed(1)} |`);
}
