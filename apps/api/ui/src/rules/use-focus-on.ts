import { useEffect, useState } from 'preact/hooks';

/** Moves the focus to the element with the id asked for, once it is on the page (a row just added). */
export function useFocusOn(): (id: string) => void {
  const [id, setId] = useState<string | null>(null);
  useEffect(() => {
    if (id === null) return;
    document.getElementById(id)?.focus();
    setId(null);
  }, [id]);
  return setId;
}
