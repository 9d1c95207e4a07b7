import type { AreaText } from './area.ts';
import { cy } from './routing/cy.ts';
import { en } from './routing/en.ts';
import { hi } from './routing/hi.ts';
import { pl } from './routing/pl.ts';
import { zhHans } from './routing/zh-hans.ts';
import { zhHant } from './routing/zh-hant.ts';

/** Routing screens (admin set-up, agent status and offers, supervisor live view, traces): one file a language under routing/. */
export const routing: AreaText<typeof en> = { en, cy, pl, hi, 'zh-Hans': zhHans, 'zh-Hant': zhHant };
