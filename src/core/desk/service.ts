import type { CoreDeps } from '../deps.ts';
import { cannedActions } from './canned.ts';
import { deskActions } from './desk.ts';
import { dispositionActions } from './dispositions.ts';

/** The agent desk: canned responses, disposition codes and wrap-up, the agent's list, notes with mentions. */
export function createDeskService(d: CoreDeps) {
  return { ...cannedActions(d), ...dispositionActions(d), ...deskActions(d) };
}
export type DeskService = ReturnType<typeof createDeskService>;
