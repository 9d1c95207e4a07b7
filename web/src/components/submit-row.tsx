interface Props {
  label: string;
  /** Announced (and shown) while the form is being sent. */
  pendingLabel: string;
  pending: boolean;
}

/** A form's primary button with a polite status line that says the form is being sent. */
export function SubmitRow({ label, pendingLabel, pending }: Props) {
  return (
    <div className="actions">
      <button type="submit" className="primary" disabled={pending}>
        {label}
      </button>
      <span role="status" className="pending">
        {pending ? pendingLabel : ''}
      </span>
    </div>
  );
}
