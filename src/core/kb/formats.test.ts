import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffVersions } from './diff.ts';
import { htmlToMarkdown, markdownToHtml, parseKbCsv, parseKbJson, parseMarkdownFiles, splitFrontMatter, toKbCsv, toMarkdownFile } from './formats.ts';
import { attachmentIdsIn, kbPlainText, sanitizeKbHtml } from './sanitize.ts';

const ATT = '0190c5a0-1111-7000-8000-000000000001';

test('sanitizeKbHtml keeps article markup and drops scripts, handlers, foreign images and bad links', () => {
  const out = sanitizeKbHtml(`<h2 onclick="x()">Hi</h2><script>alert(1)</script><style>p{}</style><iframe src="https://x"></iframe><p><a href="javascript:alert(1)">a</a><a href="https://ok.example">b</a></p><img src="https://evil.example/p.png"><img src="/api/v1/attachments/${ATT}?disposition=inline" alt="x"><img src="//evil.example/x.png"><table><tr><th scope="col">h</th></tr></table><ul><li>x</li></ul>`);
  assert.equal(out, `<h2>Hi</h2><p><a rel="noopener noreferrer">a</a><a href="https://ok.example" rel="noopener noreferrer">b</a></p><img src="/api/v1/attachments/${ATT}?disposition=inline" alt="x" /><table><tr><th scope="col">h</th></tr></table><ul><li>x</li></ul>`);
  assert.deepEqual(attachmentIdsIn(out), [ATT]);
  assert.equal(kbPlainText('<p>One &amp; two</p><ul><li>three</li></ul>'), 'One & two\nthree');
});

test('markdown becomes sanitized HTML and comes back as markdown', () => {
  const html = markdownToHtml('# Title\n\nSome **bold** and a [link](https://x.example).\n\n- a\n- b\n\n<script>x</script>');
  assert.equal(html, '<h1>Title</h1>\n<p>Some <strong>bold</strong> and a <a href="https://x.example" rel="noopener noreferrer">link</a>.</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>');
  assert.match(htmlToMarkdown(html), /^# Title\n\nSome \*\*bold\*\* and a \[link\]\(https:\/\/x\.example\)\.\n\n- {1,3}a\n- {1,3}b$/);
});

test('front-matter: parsed, missing, or broken (reported per file)', () => {
  assert.deepEqual(splitFrontMatter('---\ntitle: A\ntags: [x, y]\n---\nbody'), { meta: { title: 'A', tags: ['x', 'y'] }, body: 'body' });
  assert.deepEqual(splitFrontMatter('no meta'), { meta: {}, body: 'no meta' });
  const rows = parseMarkdownFiles([
    { name: 'ok.md', content: '---\ntitle: Oriau agor\nlanguage: cy\ncategory: Siop / Oriau\ntags: oriau, agor\nvisibility: public\nstate: published\n---\nRydyn ni **ar agor** 9–6.' },
    { name: 'bad.md', content: '---\ntitle: [oops\n---\nx' },
    { name: 'nolang.md', content: '---\ntitle: No language\n---\nx' },
    { name: 'list.md', content: '---\n- a\n- b\n---\nx' },
  ]);
  assert.deepEqual(rows[0], { row: 1, title: 'Oriau agor', item: { language: 'cy', title: 'Oriau agor', category: 'Siop / Oriau', tags: ['oriau', 'agor'], visibility: 'public', state: 'published', body: '<p>Rydyn ni <strong>ar agor</strong> 9–6.</p>' } });
  assert.ok('error' in rows[1]! && /front-matter/.test(rows[1].error));
  assert.ok('error' in rows[2]! && /language/.test(rows[2].error));
  assert.ok('error' in rows[3]! && /front-matter/.test(rows[3].error));
});

test('CSV: header required, each row checked on its own, languages canonicalised', () => {
  assert.throws(() => parseKbCsv('a,b\n1,2'), /columns language, title and body_markdown/);
  assert.throws(() => parseKbCsv('language,title,body_markdown\n"unclosed'), /could not be read/);
  const rows = parseKbCsv('\uFEFFLanguage,Title,Body_Markdown,State\nzh-hant,退貨,可以退貨,\nen,Bad,text,deleted\n');
  assert.equal(rows.length, 2);
  assert.ok('item' in rows[0]! && rows[0].item.language === 'zh-Hant' && rows[0].item.state === 'draft' && rows[0].row === 2);
  assert.ok('error' in rows[1]! && /state/.test(rows[1].error) && rows[1].row === 3);
  const json = parseKbJson([{ language: 'pl', title: 'Zwroty', body: '<p onclick="x">Zwrot</p>' }, { language: 'pl', title: 'x' }]);
  assert.ok('item' in json[0]! && json[0].item.body === '<p>Zwrot</p>');
  assert.ok('error' in json[1]! && /body/.test(json[1].error));
});

test('export: CSV guards formula cells but not markdown bodies; .md files carry front-matter', () => {
  const row = { id: ATT, language: 'en', title: '=SUM(A1)', category: 'A / B', tags: ['x', 'y'], visibility: 'public', state: 'published', body: '<ul><li>one</li></ul>' };
  const csv = toKbCsv([row]);
  const [head, line] = csv.trim().split('\r\n');
  assert.equal(head, 'id,key,language,title,category,tags,visibility,state,body_markdown');
  assert.match(line!, /,"'=SUM\(A1\)",A \/ B,x;y,public,published,- {1,3}one$/);
  const file = toMarkdownFile({ ...row, title: 'Hello' });
  assert.equal(file.name, `${ATT}.en.md`);
  const back = parseMarkdownFiles([file]);
  assert.ok('item' in back[0]! && back[0].item.title === 'Hello' && back[0].item.id === ATT && back[0].item.body === '<ul>\n<li>one</li>\n</ul>');
});

test('diffVersions: word diff of the plain text, line diff of the HTML', () => {
  const d = diffVersions({ title: 'Opening hours', body: '<p>Open 9 to 5.</p>' }, { title: 'Opening times', body: '<p>Open 9 to 6.</p><p>Closed Sunday.</p>' });
  assert.deepEqual(d.title.filter((p) => p.kind !== 'same').map((p) => [p.kind, p.text]), [['removed', 'hours'], ['added', 'times']]);
  const changed = (kind: string) => d.body.filter((p) => p.kind === kind).map((p) => p.text).join('|');
  assert.equal(changed('removed'), '5');
  assert.match(changed('added'), /^6\|?.*Closed Sunday\.$/s);
  assert.equal(d.removed, 1);
  assert.ok(d.added >= 3, String(d.added));
  const lines = diffVersions({ title: 'a', body: 'x\ny\n' }, { title: 'a', body: 'x\nz\n' }, 'lines');
  assert.deepEqual(lines.body.map((p) => [p.kind, p.text]), [['same', 'x\n'], ['removed', 'y\n'], ['added', 'z\n']]);
});
