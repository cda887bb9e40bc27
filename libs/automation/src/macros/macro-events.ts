import { MacroContent } from './macro';

/** Facts of a macro's life; each change records the whole next version. The stream is `macro-<id>`. */
export type MacroEvent =
  | { type: 'MacroCreated'; data: { macroId: string; version: 1; content: MacroContent } }
  | { type: 'MacroChanged'; data: { version: number; content: MacroContent } }
  | { type: 'MacroRetired'; data: { reason: string | null } };

export type MacroEventType = MacroEvent['type'];
export const MACRO_EVENT_TYPES: readonly MacroEventType[] = ['MacroCreated', 'MacroChanged', 'MacroRetired'];
export const MACRO_STREAM_PREFIX = 'macro-';
export const macroStreamId = (macroId: string) => `${MACRO_STREAM_PREFIX}${macroId}`;
