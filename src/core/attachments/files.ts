/** Pure helpers for attachment names, types and response headers. */

export const MAX_FILENAME_LENGTH = 255;
/** The only types a browser may show in place; everything else (SVG and HTML above all) is downloaded. */
export const INLINE_SAFE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
export const FALLBACK_TYPE = 'application/octet-stream';

/**
 * A file name safe to store and to send back: the last path part only (both / and \), no control
 * or bidi-override characters, no leading dots, trimmed, at most 255 characters (the extension is
 * kept when shortening). Empty when nothing usable is left.
 */
export function sanitizeFilename(raw: string): string {
  let name = raw.normalize('NFC');
  name = name.split(/[/\\]/).pop() ?? '';
  // C0/C1 controls, DEL, and the bidirectional overrides that disguise extensions.
  name = name.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
  name = name.replace(/^[\s.]+/, '').replace(/\s+$/, '');
  if (name.length > MAX_FILENAME_LENGTH) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
    name = Array.from(name.slice(0, name.length - ext.length)).slice(0, MAX_FILENAME_LENGTH - ext.length).join('') + ext;
    while (name.length > MAX_FILENAME_LENGTH) name = Array.from(name).slice(0, -1).join('');
  }
  return name;
}

const TOKEN = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/** `type/subtype` in lower case without parameters; application/octet-stream when missing or malformed. */
export function normalizeContentType(raw: string | undefined | null): string {
  const base = (raw ?? '').split(';')[0]!.trim().toLowerCase();
  return TOKEN.test(base) ? base : FALLBACK_TYPE;
}

export const isInlineSafe = (contentType: string) => INLINE_SAFE_TYPES.has(contentType);

/** RFC 6266 / 5987: an ASCII fallback name and the exact UTF-8 name. */
export function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** What a browser may do with a served attachment: nothing but show or save it. */
export const ATTACHMENT_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";
