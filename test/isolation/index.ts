import type { IsolationArea } from './area.ts';

/** Every area's part of the tenant-isolation walk. Add an area: one file in test/isolation/, one line here. */
export const isolationAreas: IsolationArea[] = [
];
