import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fixtureAccuracy } from './accuracy.ts';
import { sentimentLanguages } from './types.ts';

/** The floor every language must reach on its labelled set (docs/sentiment.md has the measured values). */
const FLOOR = 0.75;
const dir = 'test/fixtures/sentiment';

test('fixtures: at least 60 labelled messages per language, all three labels present', () => {
  for (const l of sentimentLanguages) {
    const f = JSON.parse(readFileSync(`${dir}/${l}.json`, 'utf8')) as { language: string; messages: { text: string; label: string }[] };
    assert.equal(f.language, l);
    assert.ok(f.messages.length >= 60, `${l}: ${f.messages.length} messages`);
    for (const label of ['positive', 'neutral', 'negative']) assert.ok(f.messages.filter((m) => m.label === label).length >= 15, `${l}: ${label}`);
    assert.equal(new Set(f.messages.map((m) => m.text)).size, f.messages.length, `${l}: no duplicates`);
  }
});

test(`accuracy per language ≥ ${FLOOR} on the labelled set (language given and detected)`, () => {
  for (const detect of [false, true]) {
    for (const r of fixtureAccuracy(dir, detect)) {
      assert.ok(r.accuracy >= FLOOR, `${r.language}${detect ? ' (detected)' : ''}: ${r.accuracy.toFixed(3)}; misses: ${r.misses.map((m) => m.text).join(' | ')}`);
    }
  }
});

test(`accuracy per language ≥ ${FLOOR} on the held-out set (written after the lexicons)`, () => {
  for (const r of fixtureAccuracy(`${dir}/holdout`)) assert.ok(r.accuracy >= FLOOR, `${r.language}: ${r.accuracy.toFixed(3)}`);
});
