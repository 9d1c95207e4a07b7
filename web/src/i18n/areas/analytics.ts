import type { AreaText } from './area.ts';
import { cy } from './analytics/cy.ts';
import { en } from './analytics/en.ts';
import { hi } from './analytics/hi.ts';
import { pl } from './analytics/pl.ts';
import { zhHans } from './analytics/zh-hans.ts';
import { zhHant } from './analytics/zh-hant.ts';

/** Historical reports and scheduled reports (/analytics): one file a language under analytics/. */
export const analytics: AreaText<typeof en> = { en, cy, pl, hi, 'zh-Hans': zhHans, 'zh-Hant': zhHant };
