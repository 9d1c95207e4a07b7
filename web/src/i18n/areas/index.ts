/**
 * Every area's strings. Each is reachable as `t('<area>.<key>')`.
 * Add an area: create `areas/<name>.ts` exporting an `AreaText`, then add one line here.
 */
export const areas = {
};

export type AreaStrings = { [K in keyof typeof areas]: (typeof areas)[K]['en'] };
