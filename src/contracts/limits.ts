/** Limits shared by the server's schemas and the web app's forms; no zod here, so the web bundle stays small. */
export const PASSWORD_MIN_LENGTH = 10;
