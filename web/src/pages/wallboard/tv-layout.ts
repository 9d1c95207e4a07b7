/** A TV tile's content measured in ems (the tile's font size): width and height. */
const tileEms = { w: 24, h: 22 };

/**
 * The grid for n tiles on a screen of width × height px: the number of columns that gives the
 * largest type, and that type's size in px (the tiles' font size; every figure scales with it).
 */
export function tvLayout(n: number, width: number, height: number): { cols: number; rows: number; fontPx: number } {
  const usableW = width * 0.97;
  const usableH = height * 0.86; // the bar above and the agents line below
  let best = { cols: 1, rows: Math.max(1, n), fontPx: 0 };
  for (let cols = 1; cols <= Math.max(1, n); cols++) {
    const rows = Math.max(1, Math.ceil(n / cols));
    const fontPx = Math.min(usableW / cols / tileEms.w, usableH / rows / tileEms.h);
    if (fontPx > best.fontPx) best = { cols, rows, fontPx };
  }
  return { ...best, fontPx: Math.max(8, Math.min(64, Math.floor(best.fontPx * 10) / 10)) };
}
