/**
 * The best of a site's languages for an Accept-Language header: exact tags by q-value first, then a
 * shared primary language (zh-TW/zh-HK/zh-MO/zh-Hant-* → zh-Hant, other zh → zh-Hans), else the default.
 */
export function bestLanguage(header: string | undefined, available: string[], fallback: string): string {
  if (!header) return fallback;
  const wanted = header
    .split(',')
    .slice(0, 30)
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
      return { tag: (tag ?? '').trim().toLowerCase(), q: q ? Number(q[1]) : 1, i };
    })
    .filter((w) => w.tag && w.tag !== '*' && w.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  const byLower = new Map(available.map((l) => [l.toLowerCase(), l]));
  for (const w of wanted) {
    const exact = byLower.get(w.tag);
    if (exact) return exact;
    if (w.tag.startsWith('zh')) {
      const trad = /^zh-(hant|tw|hk|mo)\b/.test(w.tag);
      const zh = byLower.get(trad ? 'zh-hant' : 'zh-hans');
      if (zh) return zh;
    }
    const primary = w.tag.split('-')[0]!;
    const same = available.find((l) => l.toLowerCase().split('-')[0] === primary);
    if (same) return same;
  }
  return fallback;
}
