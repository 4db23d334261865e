/**
 * Form pieces the account and admin forms share: a labelled password input (the autocomplete hint tells
 * password managers whether to fill a stored password or offer a new one) and a failed write's message.
 */

export function PasswordField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete: 'current-password' | 'new-password';
  name?: string;
  invalid?: boolean;
}) {
  return (
    <label>
      {props.label}
      <input
        type="password"
        name={props.name}
        autoComplete={props.autoComplete}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        required
        aria-invalid={props.invalid}
      />
    </label>
  );
}

/** The server's message for a failed write (it names the field and the problem), announced to screen readers. */
export function WriteError({ write, inline }: { write: { error: Error | null }; inline?: boolean }) {
  if (!write.error) return null;
  const Tag = inline ? 'span' : 'p';
  return (
    <Tag className="error" role="alert">
      {write.error.message}
    </Tag>
  );
}
