import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tvLayout } from '../web/src/pages/wallboard/tv-layout.ts';

describe('TV mode layout', () => {
  test('a 1080p screen: one queue fills it, three sit in a row, more make a grid', () => {
    assert.deepEqual(pick(tvLayout(1, 1920, 1080)), [1, 1]);
    assert.deepEqual(pick(tvLayout(3, 1920, 1080)), [3, 1]);
    assert.deepEqual(pick(tvLayout(6, 1920, 1080)), [3, 2]);
    const twelve = tvLayout(12, 1920, 1080);
    assert.equal(twelve.cols * twelve.rows >= 12, true);
    assert.ok(twelve.rows < 12 && twelve.cols < 12);
  });

  test('type shrinks as queues are added but stays readable from 3 m for a normal floor', () => {
    const sizes = [1, 2, 4, 6, 9].map((n) => tvLayout(n, 1920, 1080).fontPx);
    for (let i = 1; i < sizes.length; i++) assert.ok(sizes[i]! <= sizes[i - 1]!, `${sizes}`);
    // 6 queues on 1080p: big figures are 3 em, at least ~60 px (about 4 cm on a 55" screen).
    assert.ok(tvLayout(6, 1920, 1080).fontPx * 3 >= 60, `${tvLayout(6, 1920, 1080).fontPx}`);
    // Never below 8 px or above 64 px whatever the screen.
    assert.equal(tvLayout(200, 800, 600).fontPx, 8);
    assert.equal(tvLayout(1, 7680, 4320).fontPx, 64);
  });

  test('no queues is still a layout', () => {
    assert.deepEqual(pick(tvLayout(0, 1920, 1080)), [1, 1]);
  });
});

const pick = (l: { cols: number; rows: number }) => [l.cols, l.rows];
