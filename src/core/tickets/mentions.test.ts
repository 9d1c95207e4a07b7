import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mentionedEmails } from './mentions.ts';

test('@email mentions are found once each, lower-cased; plain addresses are not mentions', () => {
  assert.deepEqual(mentionedEmails('@Alex@Demo.example please look, cc (@priya@demo.example). @alex@demo.example again'), ['alex@demo.example', 'priya@demo.example']);
  assert.deepEqual(mentionedEmails('write to alex@demo.example or me@x.io'), []);
  assert.deepEqual(mentionedEmails('done.@wen@demo.example'), []);
  assert.deepEqual(mentionedEmails('@wen@demo.example.'), ['wen@demo.example']);
});
