/** Why the form's last request failed, announced to screen readers. */
export function FormError({ error }: { error: string | null }) {
  return error ? (
    <p class="error" role="alert">
      {error}
    </p>
  ) : null;
}
