import { DEFAULT_SLA_POLICY } from '@helpdesk/sla';

/** The SLA policy in force (the documented defaults; changing it through commands is not built yet). */
export const SLA_POLICY = Symbol('SLA_POLICY');
export const slaPolicyProvider = { provide: SLA_POLICY, useValue: DEFAULT_SLA_POLICY };
