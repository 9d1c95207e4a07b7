import { v7 } from 'uuid';
import { openDatabase } from './src/storage/db.ts';
import { migrate } from './src/storage/migrate.ts';
import { createRepos } from './src/storage/repos.ts';
import { kbIndex } from './src/core/kb-search/index-port.ts';
import { searchKb } from './src/core/kb-search/search.ts';
const d = await openDatabase({ memory: true });
await migrate(d);
const r = createRepos(d.db);
const t = await r.tenants.insert({ id: v7(), slug: 'x', name: 'X', languages: ['en','cy','pl','hi','zh-Hans','zh-Hant'] });
const idx = kbIndex(r);
const a1 = v7(), a2 = v7();
const base = { tenantId: t.id, tags: [], visibility: 'public' as const, categoryId: null, helpful: { yes: 1, no: 0 }, views: 0, publishedAt: new Date() };
await idx.put({ ...base, articleId: a1, language: 'en', title: 'Opening hours', text: 'We are open from 9am to 5pm, Monday to Friday. On weekends the shop is closed.' });
await idx.put({ ...base, articleId: a1, language: 'cy', title: 'Oriau agor', text: "Rydyn ni ar agor o 9 y bore tan 5 y prynhawn, dydd Llun i ddydd Gwener." });
await idx.put({ ...base, articleId: a1, language: 'zh-Hant', title: '營業時間', text: '我們的營業時間是週一至週五上午九點到下午五點。' });
await idx.put({ ...base, articleId: a2, language: 'en', title: 'Reset your password', text: 'Click forgot password on the sign-in page and follow the link we email you.' });
for (const q of ['when are you open', "pryd dych chi'n agor", '营业时间', 'pasword reset', "'; drop table x; --", '(a|b):* & !', '', 'x'.repeat(10000), 'Opening 營業 पासवर्ड']) {
  console.log(JSON.stringify(q.slice(0,40)), JSON.stringify(await searchKb(r, t.id, { q, audience: 'public', limit: 5 })));
}
await d.close();
