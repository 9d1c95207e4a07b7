import { useEffect, useState } from 'react';
import type { User } from '../../../src/contracts/auth.ts';
import type { Inbox } from '../../../src/contracts/conversations.ts';
import type { Customer } from '../../../src/contracts/customers.ts';
import { customersApi, inboxesApi, usersApi } from '../api/endpoints.ts';
import { useAuth } from '../auth/auth-context.tsx';

/** Customers already fetched (or on their way), shared by the lists and pages of one tab. */
const customers = new Map<string, Promise<Customer | null>>();

function fetchCustomer(id: string): Promise<Customer | null> {
  let p = customers.get(id);
  if (!p) {
    p = customersApi.get(id).catch(() => {
      customers.delete(id);
      return null;
    });
    customers.set(id, p);
  }
  return p;
}

/** Remember a customer that was just loaded or changed. */
export function rememberCustomer(c: Customer): void {
  customers.set(c.id, Promise.resolve(c));
}

/** The customers with these ids, filled in as they arrive. */
export function useCustomers(ids: readonly string[]): Record<string, Customer> {
  const [found, setFound] = useState<Record<string, Customer>>({});
  const key = [...new Set(ids)].sort().join(',');
  useEffect(() => {
    let active = true;
    for (const id of key ? key.split(',') : []) {
      void fetchCustomer(id).then((c) => {
        if (active && c) setFound((prev) => (prev[id] === c ? prev : { ...prev, [id]: c }));
      });
    }
    return () => {
      active = false;
    };
  }, [key]);
  return found;
}

let inboxList: Promise<Inbox[]> | null = null;

/** The workspace's inboxes by id; re-read when an unknown id is asked for. */
export function useInboxes(wanted: readonly string[] = []): Record<string, Inbox> {
  const [byId, setById] = useState<Record<string, Inbox>>({});
  const missing = wanted.some((id) => !byId[id]);
  useEffect(() => {
    let active = true;
    if (!inboxList || missing) {
      inboxList = inboxesApi.list().then(
        (p) => p.items,
        () => {
          inboxList = null;
          return [];
        },
      );
    }
    void inboxList.then((items) => {
      if (active) setById(Object.fromEntries(items.map((i) => [i.id, i])));
    });
    return () => {
      active = false;
    };
    // Only a new unknown id warrants another request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [missing ? wanted.join(',') : '']);
  return byId;
}

/** Active users of the workspace (first 200), for assignee pickers and names; empty without users.read. */
export function useUsers(): User[] {
  const { can } = useAuth();
  const allowed = can('users.read');
  const [users, setUsers] = useState<User[]>([]);
  useEffect(() => {
    if (!allowed) return;
    let active = true;
    usersApi.list({ limit: 200 }).then(
      (p) => active && setUsers(p.items),
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [allowed]);
  return users;
}
