/** What core needs from the outside world, passed in explicitly. */
export interface Clock {
  now(): Date;
}
export type IdGen = () => string;

export const systemClock: Clock = { now: () => new Date() };
