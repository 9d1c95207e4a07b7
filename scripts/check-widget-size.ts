/**
 * Fails when the chat widget bundle (web/dist/widget.js) is over 40 KB gzip
 * (docs/decisions/014-chat-widget.md); prints its size either way. Run after the widget build.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

export const WIDGET_LIMIT_BYTES = 40 * 1024;

export function widgetSize(path = 'web/dist/widget.js'): { raw: number; gzip: number } {
  const bytes = readFileSync(path);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

const path = process.argv[2] ?? 'web/dist/widget.js';
if (!existsSync(path)) {
  console.error(`${path} is missing: run npm run build:widget first`);
  process.exit(1);
}
const { raw, gzip } = widgetSize(path);
const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
const line = `widget.js: ${kb(gzip)} gzip (${kb(raw)} raw), limit ${kb(WIDGET_LIMIT_BYTES)} gzip`;
if (gzip > WIDGET_LIMIT_BYTES) {
  console.error(`${line}: TOO LARGE. Keep the widget small (Preact only, no zod or React in it).`);
  process.exit(1);
}
console.log(line);
