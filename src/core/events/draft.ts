import type { IdGen } from '../context.ts';
import type { EventDraft } from '../../storage/events.repo.ts';

/** Builds an event to append in the same transaction as the change it records. */
export function draftEvent(
  newId: IdGen,
  e: Omit<EventDraft, 'id' | 'topics'> & { topics?: string[] },
): EventDraft {
  return { id: newId(), topics: e.topics ?? ['tenant'], ...e } as EventDraft;
}
