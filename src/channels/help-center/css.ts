import { createHash } from 'node:crypto';

/** The help center's one stylesheet, served at a content-hashed URL and cached for a year. */
export const helpCenterCss = `
:root{--brand:#1d4ed8;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--soft:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Devanagari","Noto Sans SC","Noto Sans TC",sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--brand)}
a:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid var(--brand);outline-offset:2px}
.skip{position:absolute;left:-9999px;top:0;background:#fff;padding:8px 12px;z-index:10}
.skip:focus{left:8px;top:8px}
header.site{background:var(--brand);color:#fff;padding:16px 24px;display:flex;gap:16px;align-items:center;justify-content:space-between;flex-wrap:wrap}
header.site a{color:#fff;text-decoration:none;font-weight:600;font-size:20px;display:flex;align-items:center;gap:10px}
header.site img{max-height:36px}
.langs{display:flex;gap:8px;flex-wrap:wrap;list-style:none;margin:0;padding:0}
.langs a{font-size:14px;font-weight:400;color:#fff;text-decoration:underline}
.langs a[aria-current]{font-weight:700;text-decoration:none}
.hero{background:var(--soft);padding:32px 24px;border-bottom:1px solid var(--line)}
form.search{display:flex;gap:8px;max-width:640px;margin:0 auto}
form.search input{flex:1;padding:10px 12px;font-size:16px;border:1px solid var(--line);border-radius:6px}
button{padding:10px 16px;font-size:16px;border:0;border-radius:6px;background:var(--brand);color:#fff;cursor:pointer}
button.secondary{background:#fff;color:var(--brand);border:1px solid var(--brand)}
main{max-width:880px;margin:0 auto;padding:24px}
nav.crumbs ol{list-style:none;display:flex;flex-wrap:wrap;gap:6px;padding:0;margin:0 0 16px;font-size:14px;color:var(--muted)}
nav.crumbs li+li::before{content:"›";margin-right:6px}
.cats{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:16px}
.cat{border:1px solid var(--line);border-radius:8px;padding:16px}
.cat h2{font-size:18px;margin:0 0 8px}
.cat ul,.list{padding-left:18px;margin:0}
.meta{color:var(--muted);font-size:14px}
article.body img{max-width:100%;height:auto}
.feedback{margin-top:32px;padding:16px;border:1px solid var(--line);border-radius:8px;display:flex;gap:12px;align-items:center;flex-wrap:wrap}
.feedback form{display:flex;gap:8px;margin:0}
.fb-title{font-size:1em;margin:0}
.results li{margin-bottom:16px}
.results p{margin:4px 0 0;color:var(--muted)}
label{display:block;font-weight:600;margin-top:12px}
input[type=text],input[type=email],textarea{width:100%;padding:8px 10px;font:inherit;border:1px solid var(--line);border-radius:6px}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.notice{padding:12px 16px;border-radius:6px;background:#eef6ee;border:1px solid #9ec99e}
.error{padding:12px 16px;border-radius:6px;background:#fdeeee;border:1px solid #e0a0a0}
footer.site{max-width:880px;margin:32px auto;padding:0 24px;color:var(--muted);font-size:14px}
`.trim();

export const helpCenterCssHash = createHash('sha256').update(helpCenterCss).digest('hex').slice(0, 12);
export const helpCenterCssPath = `/help/assets/help-center.${helpCenterCssHash}.css`;
