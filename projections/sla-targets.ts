import { Category, Priority } from '@helpdesk/ticketing';

/**
 * Interim SLA targets in elapsed (calendar) hours, per priority, with the emergency category
 * tighter than high. The SLA engine replaces these with business-hours calendars.
 */
export type SlaClass = Priority | 'emergency';

export interface SlaTargets {
  firstResponseHours: Record<SlaClass, number>;
  resolutionHours: Record<SlaClass, number>;
}

export const DEFAULT_SLA_TARGETS: SlaTargets = {
  firstResponseHours: { emergency: 0.5, high: 2, medium: 8, low: 24 },
  resolutionHours: { emergency: 4, high: 24, medium: 72, low: 120 },
};

export const slaClass = (priority: Priority, category: Category): SlaClass => (category === 'emergency' ? 'emergency' : priority);

export function dueAt(from: string, hours: number): string {
  return new Date(new Date(from).getTime() + hours * 3_600_000).toISOString();
}

export function minutesBetween(from: string, to: string): number {
  return Math.round((new Date(to).getTime() - new Date(from).getTime()) / 60_000);
}
