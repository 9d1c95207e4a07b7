import { surveyStrings } from './strings.ts';
import { COMMENT_MAX } from './answer.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Inline styles only (the page's CSP allows inline style, no script); readable at 200 % zoom. */
const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1b1f24}
main{max-width:40rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:8px;box-shadow:0 1px 3px #0002}
h1{font-size:1.5rem;margin-top:0}fieldset{border:0;padding:0;margin:0 0 1rem}legend{font-weight:600;margin-bottom:.5rem}
.scale{display:flex;flex-wrap:wrap;gap:.4rem;margin:.5rem 0}.scale label{display:inline-flex}
.scale input{position:absolute;opacity:0;width:1px;height:1px}
.scale span{display:inline-block;min-width:2.6rem;padding:.55rem .4rem;text-align:center;border:2px solid #5b6470;border-radius:6px;cursor:pointer}
.scale input:checked+span{background:#1d4ed8;border-color:#1d4ed8;color:#fff}.scale input:focus-visible+span{outline:3px solid #f59e0b;outline-offset:2px}
.ends{display:flex;justify-content:space-between;font-size:.875rem;color:#4b5563}
textarea{width:100%;box-sizing:border-box;min-height:7rem;font:inherit;padding:.5rem;border:1px solid #5b6470;border-radius:6px}
button{font:inherit;padding:.6rem 1.2rem;border:0;border-radius:6px;background:#1d4ed8;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}.error{color:#b91c1c;font-weight:600}.hint{font-size:.875rem;color:#4b5563}`;

function shell(lang: string, title: string, body: string): string {
  return `<!doctype html><html lang="${esc(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`
    + `<meta name="robots" content="noindex,nofollow"><meta name="referrer" content="no-referrer"><title>${esc(title)}</title><style>${STYLE}</style></head>`
    + `<body><main>${body}</main></body></html>`;
}

export interface SurveyFormView {
  lang: string;
  kind: 'csat' | 'nps';
  question: string;
  /** Form action: the page's own path. */
  action: string;
  error?: 'score' | 'comment';
  values?: { score?: string; comment?: string };
}

/** The survey form: one radio group (1–5 or 0–10), an optional comment, one submit button. Works without script. */
export function surveyFormHtml(v: SurveyFormView): string {
  const s = surveyStrings(v.lang);
  const [min, max] = v.kind === 'csat' ? [1, 5] : [0, 10];
  const [low, high] = v.kind === 'csat' ? [s.csatLow, s.csatHigh] : [s.npsLow, s.npsHigh];
  const scores: string[] = [];
  for (let n = min; n <= max; n++) {
    const checked = v.values?.score === String(n) ? ' checked' : '';
    scores.push(`<label><input type="radio" name="score" value="${n}" required${checked}><span>${n}</span></label>`);
  }
  const error = v.error ? `<p class="error" role="alert" id="err">${esc(v.error === 'score' ? s.chooseScore : s.commentTooLong)}</p>` : '';
  const body = `<h1>${esc(s.title)}</h1>${error}
<form method="post" action="${esc(v.action)}">
<fieldset aria-describedby="ends hint-score"><legend>${esc(v.question)}</legend>
<div class="scale">${scores.join('')}</div>
<div class="ends" id="ends"><span>${esc(low)}</span><span>${esc(high)}</span></div>
<p class="hint" id="hint-score">${esc(s.scoreLegendHint)}</p></fieldset>
<p><label for="comment">${esc(s.commentLabel)}</label><br>
<textarea id="comment" name="comment" maxlength="${COMMENT_MAX}" aria-describedby="hint-comment">${esc(v.values?.comment ?? '')}</textarea>
<span class="hint" id="hint-comment">${esc(s.commentHint)}</span></p>
<p><button type="submit">${esc(s.submit)}</button></p>
</form>`;
  return shell(v.lang, s.title, body);
}

export function surveyThanksHtml(lang: string): string {
  const s = surveyStrings(lang);
  return shell(lang, s.thanksTitle, `<h1>${esc(s.thanksTitle)}</h1><p role="status">${esc(s.thanks)}</p>`);
}

/** One page for every link that cannot be answered: nothing of the invitation or customer in it. */
export function surveyInvalidHtml(lang: string): string {
  const s = surveyStrings(lang);
  return shell(lang, s.invalidTitle, `<h1>${esc(s.invalidTitle)}</h1><p>${esc(s.invalid)}</p>`);
}

export function surveyTooManyHtml(lang: string): string {
  const s = surveyStrings(lang);
  return shell(lang, s.invalidTitle, `<h1>${esc(s.invalidTitle)}</h1><p>${esc(s.tooMany)}</p>`);
}

/** The invitation mail's subject and plain text. */
export function surveyMailText(lang: string, d: { workspaceName: string; question: string; link: string; expiresAt: Date }): { subject: string; text: string } {
  const s = surveyStrings(lang);
  const date = d.expiresAt.toISOString().slice(0, 10);
  return {
    subject: s.mailSubject,
    text: [s.mailIntro.replace('{workspace}', d.workspaceName || 'us'), '', d.question, '', s.mailLink, d.link, '', s.mailExpires.replace('{date}', date)].join('\n'),
  };
}
