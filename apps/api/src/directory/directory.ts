import { ReadModels } from '@helpdesk/projection-engine';
import { AGENTS, AgentView, USERS, UserView } from '@helpdesk/projections';
import { UserRole } from '@helpdesk/identity';

export interface DirectoryEntry {
  name: string;
  role: UserRole;
}

const STAFF_ROLES: readonly UserRole[] = ['agent', 'supervisor', 'auditor', 'analyst', 'admin'];

/**
 * Staff by id, from the read side: every staff account (active or not: history names people who
 * have left) and every agent on the roster. An agent's roster name wins over the account's: it is
 * the working name supervisors keep, the one the reassign list shows. Customer accounts are never
 * in it; a customer is named by their tickets.
 */
export async function staffDirectory(readModels: ReadModels): Promise<Record<string, DirectoryEntry>> {
  const [users, agents] = await Promise.all([readModels.collection<UserView>(USERS), readModels.collection<AgentView>(AGENTS)]);
  const people: Record<string, DirectoryEntry> = {};
  for (const user of await users.find({ role: { $in: [...STAFF_ROLES] } })) people[user._id] = { name: user.name, role: user.role };
  for (const agent of await agents.find({})) people[agent.agentId] = { name: agent.name, role: people[agent.agentId]?.role ?? 'agent' };
  return people;
}
