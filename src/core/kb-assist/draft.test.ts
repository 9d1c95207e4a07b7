import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ARTICLE_CHARS, buildDraftMessages, readCompletion } from './draft.ts';

describe('draft prompt', () => {
  test('numbered sources, the reply language and the customer words; long texts are cut', () => {
    const m = buildDraftMessages({
      language: 'pl',
      customerMessages: ['Dzień dobry', 'Jak zwrócić buty?'],
      sources: [{ articleId: 'a', language: 'pl', title: 'Zwroty', text: 'Masz 30 dni. ' + 'x'.repeat(ARTICLE_CHARS * 2) }],
      agentName: 'Kasia',
    });
    assert.equal(m.length, 2);
    assert.match(m[0]!.content, /Write in Polish/);
    assert.match(m[0]!.content, /\[1\] Zwroty\nMasz 30 dni/);
    assert.ok(m[0]!.content.length < ARTICLE_CHARS + 2000, 'article text is cut');
    assert.match(m[0]!.content, /ONLY the facts/);
    assert.equal(m[1]!.content, 'Dzień dobry\nJak zwrócić buty?');
  });
  test('no sources and no customer text still make a valid prompt', () => {
    const m = buildDraftMessages({ language: 'xx', customerMessages: [], sources: [] });
    assert.match(m[0]!.content, /\(none found\)/);
    assert.match(m[0]!.content, /Write in xx/);
    assert.match(m[1]!.content, /has not written yet/);
  });
  test('reads the first choice; anything else is null', () => {
    assert.equal(readCompletion({ choices: [{ message: { content: '  Hello!  ' } }] }), 'Hello!');
    assert.equal(readCompletion({ choices: [] }), null);
    assert.equal(readCompletion({ choices: [{ message: { content: '   ' } }] }), null);
    assert.equal(readCompletion({ choices: [{ message: { content: 42 } }] }), null);
    assert.equal(readCompletion('garbage'), null);
    assert.equal(readCompletion(null), null);
  });
});
