/**
 * Paths of the widget protocol (docs/decisions/014-chat-widget.md). The same values are in
 * src/contracts/widget.ts; they are repeated here because importing that file's values would pull
 * zod into the bundle (only `import type` from it). test/widget-client/constants.test.ts checks
 * that both agree.
 */
export const API_BASE = '/api/widget/v1';
export const WS_PATH = '/widget/ws';
export const MAX_TEXT = 10_000;
