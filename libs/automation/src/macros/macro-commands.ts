import { MacroContent } from './macro';

export type MacroCommand =
  | { type: 'CreateMacro'; data: { macroId: string; content: MacroContent } }
  | { type: 'ChangeMacro'; data: { content: MacroContent } }
  | { type: 'RetireMacro'; data: { reason: string | null } };

export type MacroCommandType = MacroCommand['type'];

/** Supervisors and admins keep the team's macros; every staff member applies them. */
export const MACRO_EDITORS = ['supervisor', 'admin', 'system'] as const;
