import { Translate } from '../i18n/i18n';
import { FieldChange } from './audit-types';

/** Each change as "Field: before → after"; one that reads the same both sides (nothing to nothing on submission) is left out. */
export function changeTexts(t: Translate, changes: FieldChange[]): string[] {
  return changes.flatMap((change) => {
    const before = valueText(t, change.field, change.before);
    const after = valueText(t, change.field, change.after);
    return before === after ? [] : [t('audit.trail.change', { field: t('audit.field', { field: change.field }), before, after })];
  });
}

function valueText(t: Translate, field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return t('audit.none');
  if (typeof v === 'boolean') return t('audit.yesNo', { value: v });
  if (field === 'status') return t('status', { status: String(v) });
  if (field === 'priority') return t('priority', { priority: String(v) });
  if (field === 'category') return t('category', { category: String(v) });
  return String(v);
}
