import type { ReactNode } from 'react';

/** The centred card used by the signed-out pages (sign in, invitation). */
export function AuthCard({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="auth-page">
      <p className="auth-brand" aria-hidden="true">
        Switchboard
      </p>
      <div className="card">{children}</div>
    </main>
  );
}
