/**
 * Prints the sentiment analyzer's accuracy per language on the labelled fixtures: the main set
 * (test/fixtures/sentiment), the held-out set (…/holdout, never used to change the lexicons), and
 * the main set again with the language detected instead of given. `--misses` lists the misses.
 */
import { fixtureAccuracy } from '../src/core/sentiment/accuracy.ts';

const showMisses = process.argv.includes('--misses');
const sets = [
  ['main (language given)', fixtureAccuracy('test/fixtures/sentiment')],
  ['main (language detected)', fixtureAccuracy('test/fixtures/sentiment', true)],
  ['held out (language given)', fixtureAccuracy('test/fixtures/sentiment/holdout')],
] as const;
for (const [name, rows] of sets) {
  console.log(`\n${name}`);
  console.log('language  messages  correct  accuracy');
  for (const r of rows) {
    console.log(`${r.language.padEnd(9)} ${String(r.total).padStart(8)} ${String(r.correct).padStart(8)} ${r.accuracy.toFixed(3).padStart(9)}`);
    if (showMisses) for (const m of r.misses) console.log(`    ${m.label} → ${m.got} (${m.score}): ${m.text}`);
  }
}
