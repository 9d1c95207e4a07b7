import type { Repos } from '../../storage/repos.ts';
import type { KbCategoryRow } from '../../storage/kb-categories.repo.ts';
import { toKbCsv, toMarkdownFile, type KbExportRow } from './formats.ts';

/** "Parent / Child" names of every category, by id. */
export function categoryPaths(all: KbCategoryRow[]): Map<string, string> {
  const byId = new Map(all.map((c) => [c.id, c]));
  const paths = new Map<string, string>();
  for (const c of all) {
    const names: string[] = [];
    let cur: KbCategoryRow | undefined = c;
    for (let i = 0; cur && i < 16; i++) {
      names.unshift(cur.name.replace(/\//g, '-'));
      cur = cur.parentId ? byId.get(cur.parentId) : undefined;
    }
    paths.set(c.id, names.join(' / '));
  }
  return paths;
}

/** Every article text of the workspace (optionally one language), oldest article first. */
export async function exportRows(repos: Repos, tenantId: string, language?: string): Promise<KbExportRow[]> {
  const paths = categoryPaths(await repos.kbCategories.all(tenantId));
  const out: KbExportRow[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await repos.kbArticles.list(tenantId, { limit: 200, cursor, language });
    for (const a of page.items) {
      for (const t of await repos.kbArticles.translations(tenantId, a.id)) {
        if (language && t.language !== language) continue;
        out.push({ id: a.id, language: t.language, title: t.title, category: a.categoryId ? (paths.get(a.categoryId) ?? '') : '', tags: a.tags, visibility: a.visibility, state: t.state, body: t.body });
      }
    }
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out.reverse();
}

export async function exportMarkdown(repos: Repos, tenantId: string, language?: string) {
  return { files: (await exportRows(repos, tenantId, language)).map(toMarkdownFile) };
}
export async function exportCsv(repos: Repos, tenantId: string, language?: string) {
  return toKbCsv(await exportRows(repos, tenantId, language));
}
