import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlToText, sanitizeMessageHtml } from './sanitize.ts';

const payloads = [
  '<script>alert(1)</script>hello',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<img src="https://ok.example/a.png" onerror="alert(1)">',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="JaVaScRiPt:alert(1)">click</a>',
  '<a href="&#106;avascript:alert(1)">click</a>',
  '<a href="  javascript:alert(1)">click</a>',
  '<a href="java\tscript:alert(1)">click</a>',
  '<svg onload=alert(1)><circle r=1 /></svg>',
  '<svg><script>alert(1)</script></svg>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<p style="width: expression(alert(1))">x</p>',
  '<style>body{background:url(javascript:alert(1))}</style>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<iframe src="https://evil.example"></iframe>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<img src="http://insecure.example/a.png">',
  '<img src="//evil.example/a.png">',
  '<body onload=alert(1)>',
  '<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/x.swf">',
  '<form action="https://evil.example"><input type=submit formaction="javascript:alert(1)"></form>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<details open ontoggle=alert(1)>',
  '<<script>script>alert(1)<</script>/script>',
  '<template><script>alert(1)</script></template>',
];

const forbidden = [/<script/i, /\son[a-z]+\s*=/i, /javascript:/i, /vbscript:/i, /<iframe/i, /srcdoc/i, /<svg/i, /style\s*=/i, /<style/i, /expression\(/i, /data:/i, /<object/i, /<embed/i, /<form/i, /<meta/i, /<base/i, /http:\/\/insecure/i, /src="\/\//i, /alert\(1\)/];

test('no XSS payload survives sanitizing', () => {
  for (const p of payloads) {
    const out = sanitizeMessageHtml(p);
    for (const f of forbidden) assert.doesNotMatch(out, f, `${p} -> ${out}`);
  }
});

test('basic formatting, safe links and https images are kept', () => {
  const out = sanitizeMessageHtml('<p>Hi <b>there</b>, <em>see</em> <a href="https://example.com/x?a=1&amp;b=2">this</a> or <a href="mailto:help@example.com">mail</a></p><ul><li>one</li></ul><img src="https://cdn.example/a.png" alt="a">');
  assert.match(out, /<p>Hi <b>there<\/b>, <em>see<\/em>/);
  assert.match(out, /<a href="https:\/\/example.com\/x\?a=1&amp;b=2" target="_blank" rel="noopener noreferrer nofollow">this<\/a>/);
  assert.match(out, /<a href="mailto:help@example.com"/);
  assert.match(out, /<ul><li>one<\/li><\/ul>/);
  assert.match(out, /<img src="https:\/\/cdn.example\/a.png" alt="a" \/>/);
});

test('the plain-text fallback keeps words and line breaks, drops scripts and styles', () => {
  assert.equal(htmlToText('<p>Hello &amp; welcome</p><p>Line<br>two &lt;tag&gt; &#39;q&#39;</p><script>alert(1)</script><style>p{}</style>'), "Hello & welcome\nLine\ntwo <tag> 'q'");
  assert.equal(htmlToText('plain'), 'plain');
  assert.equal(htmlToText('<iframe srcdoc="x">inner</iframe>ok'), 'ok');
});
