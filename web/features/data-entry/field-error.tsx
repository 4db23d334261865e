import type { FieldError } from '../../lib/http.ts';

/** The API's message for one field (or for any field under it, e.g. `source.citation`), shown under the input. */
export function FieldMessage({ fields, name }: { fields: readonly FieldError[]; name: string }) {
  const mine = fields.filter((f) => f.field === name || f.field.startsWith(`${name}.`));
  if (!mine.length) return null;
  return (
    <span className="field-error" role="alert">
      {mine.map((f) => f.message).join('; ')}
    </span>
  );
}
