export const ROLES = ['customer', 'agent', 'supervisor', 'auditor', 'analyst', 'admin', 'system'] as const;
export type Role = (typeof ROLES)[number];

/** Who did something: recorded on every event. */
export interface Actor {
  id: string;
  role: Role;
}

/** Roles that work tickets on the support side. */
export function isStaff(role: Role): boolean {
  return role === 'agent' || role === 'supervisor' || role === 'admin' || role === 'system';
}
