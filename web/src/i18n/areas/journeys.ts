import type { AreaText } from './area.ts';
import { cy } from './journeys/cy.ts';
import { en } from './journeys/en.ts';
import { hi } from './journeys/hi.ts';
import { pl } from './journeys/pl.ts';
import { zhHans } from './journeys/zh-hans.ts';
import { zhHant } from './journeys/zh-hant.ts';

/** Customer journeys (the customer page's Journey section) and segment paths (/analytics/journeys): one file a language under journeys/. */
export const journeys: AreaText<typeof en> = { en, cy, pl, hi, 'zh-Hans': zhHans, 'zh-Hant': zhHant };
