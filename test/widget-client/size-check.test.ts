import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const check = (file: string) => spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/check-widget-size.ts', file], { encoding: 'utf8' });

describe('widget size check', () => {
  it('passes a small bundle and prints its gzip size; fails one over 40 KB gzip or a missing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-widget-size-'));
    try {
      const small = join(dir, 'small.js');
      writeFileSync(small, 'console.log(1);'.repeat(5000));
      const ok = check(small);
      assert.equal(ok.status, 0, ok.stderr);
      assert.match(ok.stdout, /widget\.js: \d+\.\d KB gzip .* limit 40\.0 KB gzip/);

      const big = join(dir, 'big.js');
      writeFileSync(big, randomBytes(60 * 1024).toString('base64'));
      const over = check(big);
      assert.equal(over.status, 1);
      assert.match(over.stderr, /TOO LARGE/);

      const missing = check(join(dir, 'nope.js'));
      assert.equal(missing.status, 1);
      assert.match(missing.stderr, /missing/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
