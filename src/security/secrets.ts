import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** Random secrets and their digests; only digests are stored. */
export interface Secrets {
  token(prefix: string): string;
  digest(secret: string): string;
}

export const secrets: Secrets = {
  token: (prefix) => `${prefix}${randomBytes(32).toString('base64url')}`,
  digest: (secret) => createHash('sha256').update(secret).digest('hex'),
};

export interface Hasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/** argon2id (the library's default algorithm) with OWASP's 2024 minimums (19 MiB, 2 passes); `fast` is for tests and demo seeding only. */
export function argon2Hasher(opts: { fast?: boolean } = {}): Hasher {
  const params = opts.fast
    ? { memoryCost: 1024, timeCost: 1, parallelism: 1 }
    : { memoryCost: 19456, timeCost: 2, parallelism: 1 };
  return {
    hash: (password) => hash(password, params),
    async verify(h, password) {
      try {
        return await verify(h, password);
      } catch {
        return false;
      }
    },
  };
}
