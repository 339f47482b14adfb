/**
 * A destructive submit behind one more step: the first control (secondary style) only opens a short confirmation
 * with the real submit button. Built on details/summary, so it works from the keyboard and without JavaScript, and
 * no browser dialog interrupts the page. Use inside a form; `name`/`value` travel with the confirming button.
 */
export function ConfirmSubmit({
  label,
  question,
  confirmLabel,
  name,
  value,
  disabled,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  name?: string;
  value?: string;
  disabled?: boolean;
}) {
  return (
    <details className="confirm-submit">
      <summary className="button button-secondary">{label}</summary>
      <div className="confirm-panel" role="group" aria-label={label}>
        <p>{question}</p>
        <button type="submit" name={name} value={value} className="button button-danger" disabled={disabled}>
          {confirmLabel}
        </button>
      </div>
    </details>
  );
}
