/**
 * A tiny HTML template tag: every interpolated value is escaped unless it is already Html (made by
 * this tag, or by `trusted` for text that is sanitized upstream, such as knowledge-base bodies).
 * Arrays are joined; null, undefined and false render nothing.
 */
export interface Html {
  readonly __html: string;
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c]!);

const isHtml = (v: unknown): v is Html => typeof v === 'object' && v !== null && typeof (v as Html).__html === 'string';

function render(v: unknown): string {
  if (v === null || v === undefined || v === false) return '';
  if (Array.isArray(v)) return v.map(render).join('');
  if (isHtml(v)) return v.__html;
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1]!;
  return { __html: out };
}

/** Marks text as safe HTML. Only for markup sanitized elsewhere (article bodies from the KB). */
export const trusted = (s: string): Html => ({ __html: s });

/** JSON for a <script type="application/ld+json"> block: `<` is escaped so it cannot end the script. */
export const jsonLd = (v: unknown): Html => ({ __html: JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029') });
