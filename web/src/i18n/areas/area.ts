import type { Language } from '../../../../src/contracts/common.ts';

/**
 * One screen area's strings in every supported language, in a file of its own
 * (`areas/<area>.ts`), so that areas can grow without touching each other.
 * English is the source: every other language must have exactly its keys
 * (the type checker refuses a missing or an extra key).
 */
export type AreaText<T> = Record<Language, T>;
