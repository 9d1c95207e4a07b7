import { ApiError } from '../api/client.ts';

/** Matches an issue path such as "email", "body.email" or "/email" to a form field. */
function pathMatches(path: string, field: string): boolean {
  const parts = path.split(/[./[\]]+/).filter(Boolean);
  return path === field || parts[parts.length - 1] === field || parts[0] === field;
}

/** The server's messages for one field of an 'invalid' error, joined. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const messages = error.fieldIssues.filter((i) => pathMatches(i.path, field)).map((i) => i.message);
  return messages.length ? messages.join(' ') : undefined;
}

/** Issues that match none of the form's fields, so they are not lost. */
export function unmatchedIssues(error: unknown, fields: readonly string[]): string[] {
  if (!(error instanceof ApiError)) return [];
  return error.fieldIssues
    .filter((i) => !fields.some((f) => pathMatches(i.path, f)))
    .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
}
