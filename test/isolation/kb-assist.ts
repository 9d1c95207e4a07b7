import type { IsolationArea } from './area.ts';

/** Answer drafting: B's conversation is never read into a draft for A (404, whether drafting is on or off). */
export const kbAssistArea: IsolationArea = {
  name: 'kb-assist',
  routes: { 'POST /api/v1/conversations/:id/draft-answer': 'desk.use' },
  foreignStrings: [],
  async seed() {},
  params: (_route, c) => [{ id: c.conversationB }],
};
