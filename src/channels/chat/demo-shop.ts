/**
 * The demo shop page served at /demo/shop: a fictional customer's website with the chat widget's
 * script tag, as a newcomer's embed would look. A module, not an .html file, so it travels inside
 * the bundled server (npm start runs dist/start.mjs, where file paths relative to the source do not exist).
 */
export const demoShopHtml = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bennett &amp; Hale Home</title>
<style>
  body { margin: 0; font-family: Georgia, "Times New Roman", serif; color: #2b2622; background: #faf7f2; }
  header { padding: 24px 40px; border-bottom: 1px solid #e6ded3; display: flex; flex-wrap: wrap; gap: 8px 20px; justify-content: space-between; align-items: baseline; }
  header h1 { margin: 0; font-size: 28px; letter-spacing: 0.02em; }
  header nav { display: flex; flex-wrap: wrap; gap: 4px 20px; }
  header nav a { color: #6b5b4b; text-decoration: none; }
  /* A phone: nothing wider than the screen (a page that overflows sideways widens the layout
     viewport, and fixed elements such as the chat launcher end up outside the visible part). */
  @media (max-width: 600px) {
    header, .hero, .grid, footer { padding-left: 16px; padding-right: 16px; }
    .hero h2 { font-size: 30px; }
  }
  .hero { padding: 56px 40px; background: #efe7db; }
  .hero h2 { font-size: 40px; margin: 0 0 12px; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 24px; padding: 40px; }
  .item { background: #fff; border: 1px solid #e6ded3; padding: 16px; border-radius: 6px; }
  .swatch { height: 140px; border-radius: 4px; margin-bottom: 12px; }
  .price { color: #8a5a2b; font-weight: bold; }
  footer { padding: 24px 40px; color: #8b7d6e; font-size: 14px; }
  .langs { margin: 16px 0 0; font-size: 15px; display: flex; flex-wrap: wrap; gap: 4px 12px; }
  .langs a { color: #6b4a2b; }
  .langs a[aria-current] { font-weight: bold; text-decoration: none; }
</style>
</head>
<body>
<header>
  <h1>Bennett &amp; Hale Home</h1>
  <nav aria-label="Shop"><a href="#living">Living</a><a href="#kitchen">Kitchen</a><a href="#bedroom">Bedroom</a><a href="#help">Help</a><a href="/help/{{WORKSPACE}}">Help center</a></nav>
</header>
<main>
  <section class="hero">
    <h2>Made to be lived with</h2>
    <p>Linen, oak and stoneware from small workshops. Questions about an order? Chat with us, bottom right.</p>
    <nav class="langs" aria-label="The chat in another language">The chat in: {{LANG_LINKS}}</nav>
  </section>
  <section class="grid" aria-label="Products">
    <article class="item"><div class="swatch" style="background:#c9b79c"></div><h3>Oak side table</h3><p class="price">£185</p></article>
    <article class="item"><div class="swatch" style="background:#9fb3a8"></div><h3>Linen duvet cover</h3><p class="price">£120</p></article>
    <article class="item"><div class="swatch" style="background:#d8c3a5"></div><h3>Stoneware dinner set</h3><p class="price">£96</p></article>
    <article class="item"><div class="swatch" style="background:#8e7f72"></div><h3>Wool throw</h3><p class="price">£74</p></article>
  </section>
</main>
<footer id="help">Bennett &amp; Hale Home is a fictional shop: the demo of Switchboard's chat widget. Sign in to the staff app in another window to answer.</footer>
<script src="/widget.js" data-inbox="{{INBOX_ID}}" data-workspace="{{WORKSPACE}}"{{LANG_ATTR}} async></script>
</body>
</html>
`;

/** The widget's languages by their own names, for the demo page's links (?lang=…). */
export const demoLanguageNames: Record<string, string> = { en: 'English', cy: 'Cymraeg', pl: 'Polski', hi: 'हिन्दी', 'zh-Hans': '简体中文', 'zh-Hant': '繁體中文' };

/**
 * The page for one language: `lang` (one of the widget's six, or null for the page's and the
 * browser's choice) goes on the script tag as data-lang, which the widget prefers to everything else.
 */
export function demoShopFor(template: string, lang: string | null): string {
  const links = Object.entries(demoLanguageNames)
    .map(([code, name]) => `<a href="?lang=${code}" lang="${code}" hreflang="${code}"${code === lang ? ' aria-current="true"' : ''}>${name}</a>`)
    .join('');
  return template.replace('{{LANG_LINKS}}', links).replace('{{LANG_ATTR}}', lang ? ` data-lang="${lang}"` : '');
}
