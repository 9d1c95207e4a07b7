import { useTranslation } from 'react-i18next';
import type { Task } from '../../api/routing.ts';
import type { Customer } from '../../../../src/contracts/customers.ts';

/** What the pick list and the supervisor's task table show about a task's attributes. */
export function taskFacts(task: Task): { customerId: string | null; channel: string; language: string | null; tags: string[] } {
  const a = task.attributes as Record<string, unknown>;
  return {
    customerId: typeof a.customerId === 'string' ? a.customerId : null,
    channel: typeof a.channel === 'string' ? a.channel : task.kind,
    language: typeof a.language === 'string' ? a.language : null,
    tags: Array.isArray(a.tags) ? a.tags.filter((x): x is string => typeof x === 'string') : [],
  };
}

/** A task's customer, channel and language as table cells' text. */
export function useTaskText(): (task: Task, customers: Record<string, Customer>) => { customer: string; channel: string; language: string } {
  const { t } = useTranslation();
  return (task, customers) => {
    const f = taskFacts(task);
    const c = f.customerId ? customers[f.customerId] : undefined;
    return {
      customer: c ? c.name || t('customers.unnamed') : f.customerId ? '…' : t('routing.unknownCustomer'),
      channel: t(`routing.channels.${f.channel as 'chat'}`, { defaultValue: f.channel }),
      language: f.language ? t(`routing.languages.${f.language as 'en'}`, { defaultValue: f.language }) : '—',
    };
  };
}

/** Matches a task against a search text (customer name, channel, language, tags). */
export function taskMatches(task: Task, text: { customer: string; channel: string; language: string }, needle: string): boolean {
  if (!needle) return true;
  const hay = [text.customer, text.channel, text.language, ...taskFacts(task).tags].join(' ').toLowerCase();
  return hay.includes(needle.toLowerCase());
}
