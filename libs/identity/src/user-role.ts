import { Role } from '@helpdesk/ticketing';

/** The roles a person (or an integration acting for one) can hold. `system` is for the helpdesk itself. */
export const USER_ROLES = ['customer', 'agent', 'supervisor', 'auditor', 'analyst', 'admin'] as const satisfies readonly Role[];
export type UserRole = (typeof USER_ROLES)[number];

export const isUserRole = (value: unknown): value is UserRole => typeof value === 'string' && (USER_ROLES as readonly string[]).includes(value);

/** User ids: the same alphabet ticket actors have always used (server-made ids are UUIDs). */
export const USER_ID_PATTERN = /^[\p{L}\p{N}._@:+-]{1,200}$/u;

/** Team names: short, printable, no separators that would confuse filters. */
export const TEAM_PATTERN = /^[\p{L}\p{N} ._-]{1,100}$/u;
