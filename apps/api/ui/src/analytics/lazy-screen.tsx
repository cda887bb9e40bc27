import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context';

/**
 * A screen whose code loads the first time it is opened: the charts (and Chart.js) stay out of
 * the bundle every agent downloads.
 */
export function lazyScreen(load: () => Promise<ComponentType>): ComponentType {
  let loaded: ComponentType | null = null;
  return function LazyScreen() {
    const { t } = useApp();
    const [Screen, setScreen] = useState<ComponentType | null>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Screen) return;
      let live = true;
      load()
        .then((component) => {
          loaded = component;
          if (live) setScreen(() => component);
        })
        .catch(() => live && setFailed(true));
      return () => void (live = false);
    }, []);
    if (Screen) return <Screen />;
    return failed ? (
      <p class="error" role="alert">
        {t('dashboard.loadFailed')}
      </p>
    ) : (
      <p aria-busy="true">{t('app.loading')}</p>
    );
  };
}
