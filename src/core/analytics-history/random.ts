/**
 * Seeded randomness for generated history (pure): one small fast PRNG (sfc32, seeded through
 * splitmix32) and the few distributions the generator needs. The same seed gives the same
 * sequence on every machine, so a generated history is reproducible.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [lo, hi]. */
  int(lo: number, hi: number): number;
  /** Uniform in [lo, hi). */
  between(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** Lognormal with the given median and log-space sigma. */
  lognormal(median: number, sigma: number): number;
  /** Exponential with the given mean. */
  exponential(mean: number): number;
  normal(mean: number, sd: number): number;
  poisson(mean: number): number;
  /** A UUIDv7-shaped id whose time part is `at` (ms), random part from this generator. */
  uuid7(at: number): string;
}

function splitmix32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x9e3779b9) >>> 0;
    let z = a;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

export function createRng(seed: number): Rng {
  const sm = splitmix32(seed);
  let a = sm(), b = sm(), c = sm(), d = sm();
  const u32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) u32();
  const next = () => u32() / 4294967296;
  let spare: number | null = null;
  const gauss = (): number => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  const rng: Rng = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    between: (lo, hi) => lo + next() * (hi - lo),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted(items, weights) {
      let total = 0;
      for (const w of weights) total += w;
      let x = next() * total;
      for (let i = 0; i < items.length; i++) {
        x -= weights[i]!;
        if (x < 0) return items[i]!;
      }
      return items[items.length - 1]!;
    },
    lognormal: (median, sigma) => median * Math.exp(sigma * gauss()),
    exponential: (mean) => -mean * Math.log(1 - next()),
    normal: (mean, sd) => mean + sd * gauss(),
    poisson(mean) {
      if (mean <= 0) return 0;
      if (mean > 60) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gauss()));
      const l = Math.exp(-mean);
      let k = 0;
      let p = 1;
      do {
        k++;
        p *= next();
      } while (p > l);
      return k - 1;
    },
    uuid7(at) {
      const ms = Math.max(0, Math.floor(at));
      const high = Math.floor(ms / 0x10000);
      const low = ms % 0x10000;
      const r1 = u32(), r2 = u32(), r3 = u32();
      const timeHex = hex(high, 8) + hex(low, 4);
      const verRand = '7' + hex(r1 & 0xfff, 3);
      const variant = hex(0x8000 | ((r1 >>> 12) & 0x3fff), 4);
      const tail = hex(r2, 8) + hex(r3 & 0xffff, 4);
      return `${timeHex.slice(0, 8)}-${timeHex.slice(8, 12)}-${verRand}-${variant}-${tail}`;
    },
  };
  return rng;
}
