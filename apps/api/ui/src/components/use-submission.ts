import { useState } from 'preact/hooks';
import { Translate } from '../i18n/i18n';
import { problemText } from './problem-text';

/** A form's request in flight: busy while it runs, the problem as one sentence when it fails. */
export function useSubmission(t: Translate) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(problemText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}
