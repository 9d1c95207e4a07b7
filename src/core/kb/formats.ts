import { parse as parseCsv } from 'csv-parse/sync';
import { marked } from 'marked';
import TurndownService from 'turndown';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { z } from 'zod';
import { kbLanguage, kbStates, kbVisibilities } from '../../contracts/kb.ts';
import { sanitizeKbHtml } from './sanitize.ts';

/** One article text to import, checked and with its body as sanitized HTML. */
export interface KbImportItem {
  id?: string;
  /** Rows with the same key in one upload are one article's translations. */
  key?: string;
  language: string;
  title: string;
  category?: string;
  tags: string[];
  visibility: 'public' | 'internal';
  state: 'draft' | 'review' | 'published' | 'archived';
  body: string;
}
/** A row of an upload: the item, or why it was refused. `row` is 1-based (a file's place, or a CSV line). */
export type KbImportEntry = { row: number; title?: string } & ({ item: KbImportItem } | { error: string });

const tagsField = z
  .union([z.array(z.string()), z.string()])
  .optional()
  .transform((t) => (typeof t === 'string' ? t.split(/[,;|]/) : (t ?? [])).map((s) => s.trim().toLowerCase()).filter(Boolean))
  .pipe(z.array(z.string().max(40)).max(30));
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const rowSchema = z.object({
  id: z.preprocess(blankToUndefined, z.uuid().optional()),
  key: z.preprocess(blankToUndefined, z.coerce.string().trim().max(200).optional()),
  language: kbLanguage,
  title: z.coerce.string().trim().min(1, 'title is empty').max(200),
  category: z.preprocess(blankToUndefined, z.coerce.string().trim().max(600).optional()),
  tags: tagsField,
  visibility: z.preprocess(blankToUndefined, z.enum(kbVisibilities).default('public')),
  state: z.preprocess(blankToUndefined, z.enum(kbStates).default('draft')),
});

/** Markdown to sanitized article HTML. */
export function markdownToHtml(md: string): string {
  return sanitizeKbHtml(marked.parse(md, { async: false, gfm: true }));
}

const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-' });
/** Article HTML to Markdown, for export. */
export function htmlToMarkdown(html: string): string {
  return turndown.turndown(html);
}

function checkRow(row: number, fields: Record<string, unknown>, bodyHtml: string | undefined): KbImportEntry {
  const title = typeof fields.title === 'string' ? fields.title.trim().slice(0, 200) || undefined : undefined;
  const r = rowSchema.safeParse(fields);
  if (!r.success) return { row, title, error: r.error.issues.map((i) => `${i.path.join('.') || 'row'}: ${i.message}`).join('; ') };
  if (bodyHtml === undefined || bodyHtml.trim() === '') return { row, title, error: 'body: the article has no text' };
  if (bodyHtml.length > 200_000) return { row, title, error: 'body: longer than 200,000 characters' };
  return { row, title, item: { ...r.data, body: bodyHtml } };
}

/** Splits "---\nyaml\n---\nbody" into the front-matter object and the body. */
export function splitFrontMatter(text: string): { meta: Record<string, unknown>; body: string } {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return { meta: {}, body: text };
  const meta = parseYaml(m[1]!) as unknown;
  if (meta !== null && (typeof meta !== 'object' || Array.isArray(meta))) throw new Error('the front-matter is not a list of "key: value" lines');
  return { meta: (meta ?? {}) as Record<string, unknown>, body: text.slice(m[0].length) };
}

/** .md files with front-matter (title, category, language, tags, visibility, state; id and key optional). */
export function parseMarkdownFiles(files: { name: string; content: string }[]): KbImportEntry[] {
  return files.map((f, i) => {
    try {
      const { meta, body } = splitFrontMatter(f.content);
      return checkRow(i + 1, meta, markdownToHtml(body));
    } catch (e) {
      return { row: i + 1, title: f.name, error: `front-matter: ${(e as Error).message.split('\n')[0]}` };
    }
  });
}

/** CSV with a header: id?, key?, language, title, category, tags, visibility, state, body_markdown (or body_html). */
export function parseKbCsv(content: string): KbImportEntry[] {
  let records: Record<string, string>[];
  try {
    records = parseCsv(content.replace(/^\uFEFF/, ''), { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, relax_column_count: true, trim: false }) as Record<string, string>[];
  } catch (e) {
    throw new Error(`The CSV file could not be read: ${(e as Error).message}`);
  }
  const first = records[0];
  if (first && (!('title' in first) || !('language' in first) || !('body_markdown' in first || 'body_html' in first))) {
    throw new Error('The CSV needs the columns language, title and body_markdown (or body_html); optional: id, key, category, tags, visibility, state');
  }
  return records.map((rec, i) => checkRow(i + 2, rec, rec.body_html ? sanitizeKbHtml(rec.body_html) : rec.body_markdown ? markdownToHtml(rec.body_markdown) : undefined));
}

/** A JSON array of objects with the CSV's fields (body_markdown, body_html or body as HTML). */
export function parseKbJson(articles: Record<string, unknown>[]): KbImportEntry[] {
  return articles.map((a, i) => {
    const md = typeof a.body_markdown === 'string' ? a.body_markdown : undefined;
    const html = typeof a.body_html === 'string' ? a.body_html : typeof a.body === 'string' ? a.body : undefined;
    return checkRow(i + 1, a, md !== undefined ? markdownToHtml(md) : html !== undefined ? sanitizeKbHtml(html) : undefined);
  });
}

export interface KbExportRow {
  id: string;
  language: string;
  title: string;
  category: string;
  tags: string[];
  visibility: string;
  state: string;
  body: string;
}

/** One article text as a .md file: YAML front-matter, then the body as Markdown. */
export function toMarkdownFile(r: KbExportRow): { name: string; content: string } {
  const meta = toYaml({ id: r.id, key: r.id, language: r.language, title: r.title, category: r.category, tags: r.tags, visibility: r.visibility, state: r.state }).trimEnd();
  return { name: `${r.id}.${r.language}.md`, content: `---\n${meta}\n---\n\n${htmlToMarkdown(r.body)}\n` };
}

/** A CSV cell; with `guard`, text a spreadsheet would run as a formula gets a leading '. */
function csvCell(v: string, guard = true): string {
  const safe = guard && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) || safe !== v ? `"${safe.replace(/"/g, '""')}"` : safe;
}
export const KB_CSV_COLUMNS = ['id', 'key', 'language', 'title', 'category', 'tags', 'visibility', 'state', 'body_markdown'] as const;

/** Every text as one CSV (header first). */
export function toKbCsv(rows: KbExportRow[]): string {
  const lines = [KB_CSV_COLUMNS.join(',')];
  // The Markdown body is not guarded: it may well start with "-" (a list); spreadsheets only run "=" there.
  for (const r of rows) lines.push([...[r.id, r.id, r.language, r.title, r.category, r.tags.join(';'), r.visibility, r.state].map((v) => csvCell(v)), csvCell(htmlToMarkdown(r.body), false)].join(','));
  return `${lines.join('\r\n')}\r\n`;
}
