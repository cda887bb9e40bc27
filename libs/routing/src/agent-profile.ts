import { CATEGORIES, Category, Language, LANGUAGES } from '@helpdesk/ticketing';
import { agentInvalid } from './agent-error';
import { isValidTimeZone, TimeRange, Weekday, WEEKDAYS, WeeklyHours, workingHoursErrors } from './working-hours';

/** Checks and canonical forms of an agent's profile; each throws an AgentError naming the problem. */

export function requireText(value: string, field: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) throw agentInvalid(`${field} must not be empty.`);
  return text;
}

export function requireEmail(value: string): string {
  const email = requireText(value, 'email');
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw agentInvalid(`"${email}" is not an email address.`);
  return email;
}

/** Trimmed, without duplicates, sorted so that equal sets compare equal. */
export function normalizeTeams(teams: readonly string[]): string[] {
  return [...new Set(teams.map((t) => requireText(t, 'team')))].sort();
}

/** Without duplicates, in the order of CATEGORIES. An agent may have no skills (then nothing is routed to them). */
export function normalizeSkills(skills: readonly string[]): Category[] {
  const unknown = skills.filter((s) => !(CATEGORIES as readonly string[]).includes(s));
  if (unknown.length > 0) {
    throw agentInvalid(`Unknown ${plural(unknown.length, 'category', 'categories')} ${quoted(unknown)}; the categories are ${CATEGORIES.join(', ')}.`);
  }
  return CATEGORIES.filter((c) => skills.includes(c));
}

/** Without duplicates, in the order of LANGUAGES; an agent speaks at least one. */
export function normalizeLanguages(languages: readonly string[]): Language[] {
  const unknown = languages.filter((l) => !(LANGUAGES as readonly string[]).includes(l));
  if (unknown.length > 0) {
    throw agentInvalid(`Unknown ${plural(unknown.length, 'language', 'languages')} ${quoted(unknown)}; the languages are ${LANGUAGES.join(', ')}.`);
  }
  if (languages.length === 0) throw agentInvalid('An agent must speak at least one language.');
  return LANGUAGES.filter((l) => languages.includes(l));
}

export function requireCap(value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw agentInvalid(`The cap on open tickets must be a positive integer (got ${value}).`);
  }
  return value;
}

/** The zone's canonical spelling: zone names are case-insensitive, and `asia/karachi` should read as `Asia/Karachi`. */
export function requireTimeZone(zone: string): string {
  if (!isValidTimeZone(zone)) throw agentInvalid(`"${zone}" is not a valid IANA time zone (e.g. Asia/Karachi, Europe/London).`);
  return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
}

/** Valid hours in canonical form: weekdays in order, ranges sorted, days off left out. */
export function requireWorkingHours(hours: WeeklyHours): WeeklyHours {
  const errors = workingHoursErrors(hours);
  if (errors.length > 0) throw agentInvalid(`Invalid working hours: ${errors.join('; ')}.`);
  const canonical: Partial<Record<Weekday, TimeRange[]>> = {};
  for (const day of WEEKDAYS) {
    const ranges = [...(hours[day] ?? [])].map(([s, e]) => [s, e] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1));
    if (ranges.length > 0) canonical[day] = ranges;
  }
  return canonical;
}

export const sameSet = <T>(a: readonly T[], b: readonly T[]): boolean => a.length === b.length && a.every((x) => b.includes(x));

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
const quoted = (values: readonly string[]) => values.map((v) => `"${v}"`).join(', ');
