import type { ReactNode } from 'react';

/** A polite live region; kept in the page so screen readers announce changes to it. */
export function StatusMessage({ children }: { children?: ReactNode }) {
  return (
    <div role="status" className={children ? 'alert alert-success' : 'status-empty'}>
      {children}
    </div>
  );
}
