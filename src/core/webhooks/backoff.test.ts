import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_ATTEMPTS, nextAttemptAt } from './backoff.ts';
import { filterMatches } from './filter.ts';
import { isBlockedAddress, parseWebhookUrl } from './address.ts';

test('backoff grows, jitters within 10% and ends after the last attempt', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  assert.equal(nextAttemptAt(1, now, 0.5)!.getTime() - now.getTime(), 30_000);
  assert.equal(nextAttemptAt(2, now, 0.5)!.getTime() - now.getTime(), 120_000);
  assert.equal(nextAttemptAt(1, now, 0)!.getTime() - now.getTime(), 27_000);
  assert.equal(nextAttemptAt(1, now, 0.999999)!.getTime() - now.getTime(), 33_000);
  assert.equal(nextAttemptAt(6, now, 0.5)!.getTime() - now.getTime(), 86_400_000);
  assert.equal(nextAttemptAt(MAX_ATTEMPTS, now), null);
});

test('filters take exact types, prefixes and everything', () => {
  assert.ok(filterMatches(['ticket.*'], 'ticket.created'));
  assert.ok(!filterMatches(['ticket.*'], 'tickets.created'));
  assert.ok(!filterMatches(['ticket.*'], 'customer.created'));
  assert.ok(filterMatches(['customer.updated'], 'customer.updated'));
  assert.ok(!filterMatches(['customer.updated'], 'customer.created'));
  assert.ok(filterMatches(['*'], 'order.created'));
});

test('private, loopback, link-local and metadata addresses are blocked; public ones pass', () => {
  for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '0.0.0.0', '100.64.0.1', '::1', '::', 'fe80::1', 'fd00:ec2::254', '::ffff:127.0.0.1', '::ffff:7f00:1', '[::1]', 'not-an-ip']) {
    assert.ok(isBlockedAddress(a), a);
  }
  for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8']) assert.ok(!isBlockedAddress(a), a);
});

test('webhook URLs: http(s) only, no credentials', () => {
  assert.equal(parseWebhookUrl('https://crm.example.com/hook#x').toString(), 'https://crm.example.com/hook');
  assert.throws(() => parseWebhookUrl('ftp://crm.example.com/'), /only http and https/);
  assert.throws(() => parseWebhookUrl('https://user:pw@crm.example.com/'), /user name or password/);
  assert.throws(() => parseWebhookUrl('not a url'), /not a valid URL/);
});
