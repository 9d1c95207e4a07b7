import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashSurveyToken, isTokenShaped, newSurveyToken, tokenMatches } from './token.ts';
import { expiryOf, mayInvite } from './throttle.ts';
import { parseAnswer } from './answer.ts';
import { parseSurveySettings, questionText, surveyLanguage, DEFAULT_SURVEY_SETTINGS } from './settings.ts';

test('a token is 32 random bytes in base64url; only its hash is kept and it matches only itself', () => {
  const a = newSurveyToken();
  const b = newSurveyToken();
  assert.equal(Buffer.from(a, 'base64url').length, 32);
  assert.ok(isTokenShaped(a));
  assert.notEqual(a, b);
  const h = hashSurveyToken(a);
  assert.match(h, /^[0-9a-f]{64}$/);
  assert.ok(!h.includes(a));
  assert.ok(tokenMatches(a, h));
  assert.ok(!tokenMatches(b, h));
  assert.ok(!tokenMatches(a, 'abcd'), 'a stored hash of another length never matches');
  assert.ok(!isTokenShaped(`${a}x`));
  assert.ok(!isTokenShaped('../../etc/passwd'));
});

test('throttle: one invitation per customer per N days; 0 days means no limit', () => {
  const now = new Date('2026-12-04T12:00:00Z');
  assert.ok(mayInvite(null, now, 7));
  assert.ok(!mayInvite(new Date('2026-11-28T12:00:01Z'), now, 7), 'six days and 23:59:59 ago is inside the window');
  assert.ok(mayInvite(new Date('2026-11-27T12:00:00Z'), now, 7), 'exactly seven days ago is outside it');
  assert.ok(mayInvite(new Date('2026-12-04T11:59:00Z'), now, 0));
  assert.equal(expiryOf(now, 7).toISOString(), '2026-12-11T12:00:00.000Z');
});

test('answers: the score must be on the survey scale; the comment is optional and at most 2,000 characters', () => {
  assert.deepEqual(parseAnswer('csat', { score: '5', comment: '  great  ' }), { ok: true, score: 5, comment: 'great' });
  assert.deepEqual(parseAnswer('csat', { score: '0' }), { ok: false, problem: 'score' });
  assert.deepEqual(parseAnswer('csat', { score: '6' }), { ok: false, problem: 'score' });
  assert.deepEqual(parseAnswer('csat', {}), { ok: false, problem: 'score' });
  assert.deepEqual(parseAnswer('csat', { score: '4.5' }), { ok: false, problem: 'score' });
  assert.deepEqual(parseAnswer('nps', { score: '0', comment: '' }), { ok: true, score: 0, comment: null });
  assert.deepEqual(parseAnswer('nps', { score: '10' }), { ok: true, score: 10, comment: null });
  assert.deepEqual(parseAnswer('nps', { score: '11' }), { ok: false, problem: 'score' });
  assert.equal(parseAnswer('nps', { score: '9', comment: '字'.repeat(2000) }).ok, true, '2,000 characters (not bytes) pass');
  assert.deepEqual(parseAnswer('nps', { score: '9', comment: 'x'.repeat(2001) }), { ok: false, problem: 'comment' });
});

test('settings: stored values are read back, anything unreadable falls back to the defaults; questions per language', () => {
  assert.deepEqual(parseSurveySettings(undefined), DEFAULT_SURVEY_SETTINGS);
  assert.deepEqual(parseSurveySettings({ kinds: [] }), DEFAULT_SURVEY_SETTINGS);
  const s = parseSurveySettings({ enabled: true, kinds: ['csat', 'nps'], atResolution: 'nps', throttleDays: 3, questions: { csat: {}, nps: { cy: 'Argymell?' } } });
  assert.equal(s.atResolution, 'nps');
  assert.equal(s.throttleDays, 3);
  assert.equal(questionText(s, 'nps', 'cy'), 'Argymell?');
  assert.match(questionText(s, 'nps', 'pl'), /polecisz/);
  assert.match(questionText(s, 'csat', 'zh-Hant'), /滿意/);
  assert.equal(surveyLanguage('en-GB'), 'en');
  assert.equal(surveyLanguage('zh-TW'), 'zh-Hant');
  assert.equal(surveyLanguage('zh-CN'), 'zh-Hans');
  assert.equal(surveyLanguage('cy'), 'cy');
  assert.equal(surveyLanguage('fr'), 'en');
  assert.equal(surveyLanguage(null), 'en');
});
