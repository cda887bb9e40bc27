import { Actor } from '@helpdesk/ticketing';
import { validMacroContent } from './macro';
import { MACRO_EDITORS, MacroCommand } from './macro-commands';
import { illegalMacro, MacroError, macroNotFound } from './macro-error';
import { MacroEvent } from './macro-events';
import { MacroState } from './macro-state';

const sameContent = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The macro decider: pure. Only supervisors and admins write macros; a retired one changes no more. */
export function decideMacro(command: MacroCommand, state: MacroState, ctx: { actor: Actor }): MacroEvent[] {
  if (!(MACRO_EDITORS as readonly string[]).includes(ctx.actor.role)) throw new MacroError('not_allowed', 'Supervisors and admins keep the macros.');
  if (command.type === 'CreateMacro') {
    if (state) throw illegalMacro(`Macro ${command.data.macroId} already exists.`);
    return [{ type: 'MacroCreated', data: { macroId: command.data.macroId, version: 1, content: validMacroContent(command.data.content) } }];
  }
  if (!state) throw macroNotFound('(unknown)');
  if (state.retired) throw illegalMacro(`Macro "${state.content.name}" is retired.`);
  switch (command.type) {
    case 'ChangeMacro': {
      const content = validMacroContent(command.data.content);
      if (sameContent(content, state.content)) throw illegalMacro(`Macro "${state.content.name}" already reads so.`);
      return [{ type: 'MacroChanged', data: { version: state.version + 1, content } }];
    }
    case 'RetireMacro':
      return [{ type: 'MacroRetired', data: { reason: command.data.reason?.trim() || null } }];
  }
}
