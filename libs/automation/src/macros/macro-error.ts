/** Why a macro command was refused; messages are for people. */
export type MacroErrorCode = 'macro_not_found' | 'illegal_transition' | 'not_allowed' | 'invalid_command';

export class MacroError extends Error {
  override readonly name = 'MacroError';
  constructor(
    readonly code: MacroErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const macroNotFound = (id: string) => new MacroError('macro_not_found', `Macro ${id} does not exist.`);
export const illegalMacro = (message: string) => new MacroError('illegal_transition', message);
export const invalidMacro = (message: string) => new MacroError('invalid_command', message);
