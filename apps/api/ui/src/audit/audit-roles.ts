import { Role } from '../api/types';

/** Who the API lets see the trail, verify chains and list checkpoints (apps/api/src/auth/policy.ts). */
export const canAudit = (role: Role) => role === 'auditor' || role === 'admin';
/** Only admins sign a checkpoint on demand. */
export const canSignCheckpoints = (role: Role) => role === 'admin';
/** The ticket page links its replay for the roles that oversee tickets. */
export const linksReplay = (role: Role) => role === 'supervisor' || role === 'auditor' || role === 'admin';
