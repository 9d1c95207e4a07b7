/**
 * The email addresses written as @mentions in a note: `@alex@demo.example` (at the start, after
 * white space or an opening bracket). Lower-cased, each once, in order of appearance.
 */
export function mentionedEmails(text: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[\s([{<,;])@([a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})/gi;
  for (const m of text.matchAll(re)) {
    const email = m[1]!.toLowerCase();
    if (!out.includes(email)) out.push(email);
  }
  return out.slice(0, 50);
}
