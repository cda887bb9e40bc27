import { Category, Priority } from '../api/types';
import { useApp } from '../app-context';

/** Priority, with the emergency category shown first: it jumps every queue. */
export function PriorityBadge({ priority, category }: { priority: Priority; category: Category }) {
  const { t } = useApp();
  return (
    <span class="badges">
      {category === 'emergency' && <span class="badge emergency">{t('category', { category })}</span>}
      <span class={`badge priority-${priority}`}>{t('priority', { priority })}</span>
    </span>
  );
}
