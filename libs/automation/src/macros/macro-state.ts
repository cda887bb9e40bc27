import { MacroContent } from './macro';
import { MacroEvent } from './macro-events';

export interface Macro {
  id: string;
  version: number;
  content: MacroContent;
  retired: boolean;
}

export type MacroState = Macro | null;

export function evolveMacro(state: MacroState, event: MacroEvent): MacroState {
  switch (event.type) {
    case 'MacroCreated':
      return { id: event.data.macroId, version: 1, content: event.data.content, retired: false };
    case 'MacroChanged':
      return state && { ...state, version: event.data.version, content: event.data.content };
    case 'MacroRetired':
      return state && { ...state, retired: true };
  }
}

export const foldMacro = (events: readonly MacroEvent[], state: MacroState = null): MacroState => events.reduce(evolveMacro, state);
