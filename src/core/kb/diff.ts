import { diffLines, diffWordsWithSpace } from 'diff';
import { kbPlainText } from './sanitize.ts';

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}
export type DiffMode = 'words' | 'lines';

function parts(a: string, b: string, mode: DiffMode): DiffPart[] {
  const changes = mode === 'lines' ? diffLines(a, b) : diffWordsWithSpace(a, b);
  return changes.map((c) => ({ kind: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value }));
}

/**
 * What changed between two versions of a translation: the title word by word, and the body as
 * plain text word by word ("words") or as its HTML source line by line ("lines").
 */
export function diffVersions(from: { title: string; body: string }, to: { title: string; body: string }, mode: DiffMode = 'words') {
  const body = mode === 'lines' ? parts(from.body, to.body, 'lines') : parts(kbPlainText(from.body), kbPlainText(to.body), 'words');
  const count = (kind: DiffPart['kind']) => body.filter((p) => p.kind === kind).reduce((n, p) => n + (mode === 'lines' ? p.text.split('\n').filter(Boolean).length : p.text.trim().split(/\s+/).filter(Boolean).length), 0);
  return { title: parts(from.title, to.title, 'words'), body, added: count('added'), removed: count('removed') };
}
