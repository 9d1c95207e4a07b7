/**
 * The locale to give Intl formatters for a UI language. Chromium ships no Welsh data, so
 * `Intl.DateTimeFormat('cy')` falls back to the browser's default, often en-US (month first,
 * 12-hour clock); Welsh users share the UK's conventions, so they get en-GB there. A language the
 * browser knows is kept as is. Used by the staff app and the widget.
 */
const FALLBACK: Record<string, string> = { cy: 'en-GB' };

/** `tag` when `supported` says the Intl data has it, else its fallback (or `tag` when it has none). */
export function localeFor(tag: string, supported: (tag: string) => boolean): string {
  if (supported(tag)) return tag;
  return FALLBACK[tag.toLowerCase().split('-')[0] ?? ''] ?? tag;
}

const cache = new Map<string, string>();

/** `localeFor` with this browser's own Intl data, remembered per tag. */
export function intlLocale(tag: string): string {
  let r = cache.get(tag);
  if (r === undefined) cache.set(tag, (r = localeFor(tag, (x) => Intl.DateTimeFormat.supportedLocalesOf([x]).length > 0)));
  return r;
}
