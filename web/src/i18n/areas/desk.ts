import type { AreaText } from './area.ts';
import { cy } from './desk/cy.ts';
import { en } from './desk/en.ts';
import { hi } from './desk/hi.ts';
import { pl } from './desk/pl.ts';
import { zhHans } from './desk/zh-hans.ts';
import { zhHant } from './desk/zh-hant.ts';

/** The agent desk (t('agentDesk.…')): chats, composer, wrap-up, profile, canned responses and dispositions; one file a language under desk/. */
export const agentDesk: AreaText<typeof en> = { en, cy, pl, hi, 'zh-Hans': zhHans, 'zh-Hant': zhHant };
