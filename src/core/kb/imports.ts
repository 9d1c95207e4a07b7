import type { KbImportBody } from '../../contracts/kb.ts';
import type { KbImportReportEntry } from '../../storage/kb-imports.repo.ts';
import type { Repos, UnitOfWork } from '../../storage/repos.ts';
import type { Principal } from '../auth/principal.ts';
import type { Clock, IdGen } from '../context.ts';
import { invalid, isAppError, notFound } from '../errors.ts';
import { draftEvent } from '../events/draft.ts';
import { ensureCategoryPath } from './categories.ts';
import { parseKbCsv, parseKbJson, parseMarkdownFiles, type KbImportEntry, type KbImportItem } from './formats.ts';
import { articleEvent, changeState, saveTranslation, syncIndex, type KbWriteCtx } from './write.ts';

export interface KbImportDeps {
  repos: Repos;
  uow: UnitOfWork;
  clock: Clock;
  newId: IdGen;
}
/** A stored row: the entry plus the article id it will write (the given one, or one made per key). */
type StoredRow = KbImportEntry & { articleId?: string; /** Not the first row of its article in this upload: adds its text and tags only. */ extra?: boolean };

export const KB_IMPORT_MAX_ROWS = 5000;

/** Parses the upload and stores it as a queued import; refused whole (400) only when the file cannot be read at all. */
export async function createKbImport(d: KbImportDeps, p: Principal, body: KbImportBody): Promise<string> {
  let entries: KbImportEntry[];
  try {
    entries = body.format === 'markdown' ? parseMarkdownFiles(body.files) : body.format === 'csv' ? parseKbCsv(body.content) : parseKbJson(body.articles);
  } catch (e) {
    throw invalid((e as Error).message, [{ path: body.format === 'csv' ? 'content' : 'files', message: 'unreadable' }]);
  }
  if (entries.length === 0) throw invalid('The upload has no rows to import', [{ path: 'content', message: 'empty' }]);
  if (entries.length > KB_IMPORT_MAX_ROWS) throw invalid(`At most ${KB_IMPORT_MAX_ROWS} rows per import; split the file`, [{ path: 'content', message: 'too many rows' }]);
  // Rows of one article (same key, or same id) write to one article id, decided now so a resumed import keeps it.
  // An id that is not one of this workspace's articles (an export of another one) makes a new article.
  const given = entries.flatMap((e) => ('item' in e && e.item.id ? [e.item.id] : []));
  const ours = new Set(await d.repos.kbArticles.existing(p.tenantId, [...new Set(given)]));
  const byGroup = new Map<string, string>();
  const rows: StoredRow[] = entries.map((e) => {
    if (!('item' in e)) return e;
    const group = e.item.key ?? e.item.id;
    const articleId = (e.item.id && ours.has(e.item.id) ? e.item.id : undefined) ?? (group ? byGroup.get(group) : undefined) ?? d.newId();
    const extra = group !== undefined && byGroup.has(group);
    if (group && !extra) byGroup.set(group, articleId);
    return { ...e, articleId, ...(extra && { extra }) };
  });
  const id = d.newId();
  const now = d.clock.now();
  await d.uow(async (r) => {
    await r.kbImports.insert({ id, tenantId: p.tenantId, format: body.format, rows, report: [], createdBy: p.userId, at: now });
    await r.events.append(p.tenantId, [draftEvent(d.newId, { type: 'kb.import.created', aggregateType: 'kb_import', aggregateId: id, actorId: p.userId, topics: [`user:${p.userId}`], payload: { format: body.format, rows: rows.length } })], now);
  });
  return id;
}

/** Writes one good row: creates the article or adds/changes its text, then moves it to the row's state. */
async function writeRow(r: Repos, c: KbWriteCtx, articleId: string, item: KbImportItem, extra: boolean): Promise<void> {
  let categoryId = item.category ? await ensureCategoryPath(r, c, item.category) : null;
  let a = await r.kbArticles.lock(c.tenantId, articleId);
  if (a && extra) {
    // A further language of an article this upload already wrote: its category and visibility stay, tags add up.
    categoryId = a.categoryId ?? categoryId;
    item = { ...item, visibility: a.visibility, tags: [...new Set([...a.tags, ...item.tags])] };
  }
  if (!a) {
    await r.kbArticles.insert({ id: articleId, tenantId: c.tenantId, categoryId, visibility: item.visibility, tags: item.tags, relatedIds: [], createdBy: c.actorId, at: c.now });
    await r.events.append(c.tenantId, [articleEvent(c, 'kb.article.created', articleId, { languages: [item.language], visibility: item.visibility, categoryId, source: 'import' })], c.now);
    a = (await r.kbArticles.byId(c.tenantId, articleId))!;
  } else if (categoryId !== a.categoryId || item.visibility !== a.visibility || item.tags.join() !== a.tags.join()) {
    await r.kbArticles.update(c.tenantId, articleId, { categoryId: categoryId ?? a.categoryId, visibility: item.visibility, tags: item.tags }, c.now);
    a = (await r.kbArticles.byId(c.tenantId, articleId))!;
  }
  const { translation } = await saveTranslation(r, c, a, { language: item.language, title: item.title, body: item.body }, 'import');
  if (translation.state !== item.state) await changeState(r, c, a, item.language, item.state);
  else if (translation.state === 'published') {
    // Visibility, category or tags may have changed above: search gets the article as it now is.
    await syncIndex(r, a, translation, item.language);
  }
}

/**
 * Runs (or resumes) an import: each row in its own transaction together with the import's
 * counters, so a good row is written whole or not at all, a bad row is only reported, and a
 * restart continues after the last row recorded.
 */
export async function processKbImport(d: KbImportDeps, tenantId: string, importId: string): Promise<boolean> {
  const rows = (await d.repos.kbImports.rows(tenantId, importId)) as StoredRow[];
  for (;;) {
    const now = d.clock.now();
    const step = await d.uow(async (r) => {
      const imp = await r.kbImports.lock(tenantId, importId);
      if (!imp || imp.status === 'done' || imp.status === 'failed') return 'stop' as const;
      const i = imp.processed;
      const row = rows[i];
      if (!row) {
        await r.kbImports.recordChunk(tenantId, importId, { processed: i, imported: 0, report: [], done: true, at: now });
        return 'stop' as const;
      }
      const done = i + 1 >= rows.length;
      if ('error' in row) {
        await r.kbImports.recordChunk(tenantId, importId, { processed: i + 1, imported: 0, report: [{ row: row.row, title: row.title, reason: row.error }], done, at: now });
        return done ? ('stop' as const) : ('next' as const);
      }
      await writeRow(r, { tenantId, actorId: imp.createdBy, now, newId: d.newId }, row.articleId!, row.item, row.extra === true);
      await r.kbImports.recordChunk(tenantId, importId, { processed: i + 1, imported: 1, report: [], done, at: now });
      if (done) await r.events.append(tenantId, [draftEvent(d.newId, { type: 'kb.import.finished', aggregateType: 'kb_import', aggregateId: importId, actorId: imp.createdBy, topics: imp.createdBy ? [`user:${imp.createdBy}`] : ['tenant'], payload: { rows: rows.length } })], now);
      return done ? ('stop' as const) : ('next' as const);
    }).catch(async (e: unknown) => {
      // The row could not be written (a rule the checks did not catch): nothing of it stays; it is reported.
      const reason = isAppError(e) ? e.message : 'the row could not be stored';
      return d.uow(async (r) => {
        const imp = await r.kbImports.lock(tenantId, importId);
        if (!imp || imp.status === 'done' || imp.status === 'failed') return 'stop' as const;
        const row = rows[imp.processed];
        const entry: KbImportReportEntry = { row: row?.row ?? imp.processed + 1, title: row && 'item' in row ? row.item.title : row?.title, reason };
        const done = imp.processed + 1 >= rows.length;
        await r.kbImports.recordChunk(tenantId, importId, { processed: imp.processed + 1, imported: 0, report: [entry], done, at: d.clock.now() });
        return done ? ('stop' as const) : ('next' as const);
      });
    });
    if (step === 'stop') return true;
  }
}

export async function kbImportOf(d: Pick<KbImportDeps, 'repos'>, p: Principal, id: string) {
  const i = await d.repos.kbImports.byId(p.tenantId, id);
  if (!i) throw notFound('Import');
  return i;
}
