/**
 * Sentiment scoring cost per message (it runs on every inbound message), beside a baseline of
 * `text.toLowerCase().split(/\s+/)` over the same texts in the same run. Texts: the labelled
 * fixtures of all six languages, cut or repeated to about 100 characters. Language given, then
 * detected. Also times Intl.Segmenter over the same Chinese and Hindi texts, for comparison with the
 * lexicon maximum matching the analyzer uses for Chinese.
 *
 *   npx tsx bench/sentiment.ts
 */
import { readFileSync } from 'node:fs';
import { scoreSentiment, sentimentLanguages } from '../src/core/sentiment/index.ts';

const rounds = Number(process.env.BENCH_ROUNDS ?? 200);
const texts: { text: string; lang: string }[] = [];
for (const lang of sentimentLanguages) {
  const f = JSON.parse(readFileSync(`test/fixtures/sentiment/${lang}.json`, 'utf8')) as { messages: { text: string }[] };
  for (const m of f.messages) {
    let t = m.text;
    while (t.length < 100) t += ` ${m.text}`;
    texts.push({ text: t.slice(0, 100), lang });
  }
}

function time(label: string, fn: (t: { text: string; lang: string }) => unknown, only = texts): number {
  let sink = 0;
  for (const t of only) sink += fn(t) ? 1 : 0; // warm-up
  const start = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const t of only) sink += fn(t) ? 1 : 0;
  const us = Number(process.hrtime.bigint() - start) / 1000 / (rounds * only.length);
  console.log(`${label.padEnd(44)} ${us.toFixed(2).padStart(7)} µs/message${sink < 0 ? '' : ''}`);
  return us;
}

console.log(`${texts.length} texts of ~100 characters, ${rounds} rounds\n`);
const base = time('baseline toLowerCase().split(/\\s+/)', (t) => t.text.toLowerCase().split(/\s+/).length);
const given = time('scoreSentiment, language given', (t) => scoreSentiment(t.text, t.lang).hits + 1);
const detected = time('scoreSentiment, language detected', (t) => scoreSentiment(t.text).hits + 1);
for (const lang of sentimentLanguages) {
  const only = texts.filter((t) => t.lang === lang);
  time(`  ${lang}, given`, (t) => scoreSentiment(t.text, t.lang).hits + 1, only);
}
const zh = new Intl.Segmenter('zh', { granularity: 'word' });
const hiSeg = new Intl.Segmenter('hi', { granularity: 'word' });
time('  (Intl.Segmenter alone, zh-Hans texts)', (t) => [...zh.segment(t.text)].length, texts.filter((t) => t.lang === 'zh-Hans'));
time('  (Intl.Segmenter alone, hi texts)', (t) => [...hiSeg.segment(t.text)].length, texts.filter((t) => t.lang === 'hi'));
console.log(`\nratio given/baseline ${(given / base).toFixed(1)}×, detected/baseline ${(detected / base).toFixed(1)}×; target < 50 µs: ${Math.max(given, detected) < 50 ? 'met' : 'NOT met'}`);
