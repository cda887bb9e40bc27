import { Actor } from '@helpdesk/ticketing';
import { decideMacro } from './decide-macro';
import { MacroContent } from './macro';
import { MacroCommand } from './macro-commands';
import { MacroError, MacroErrorCode } from './macro-error';
import { MacroEvent } from './macro-events';
import { foldMacro } from './macro-state';

const supervisor: Actor = { id: 'sup-sana', role: 'supervisor' };
const agent: Actor = { id: 'agent-ali', role: 'agent' };

const content: MacroContent = {
  name: 'Password reset',
  reply: { en: 'Dear {{customer.name}}, we reset the password of {{ticket.number}}.', ur: '{{customer.name}} صاحب، ہم نے پاس ورڈ ری سیٹ کر دیا۔' },
  visibility: 'public',
  changes: { priority: null, category: 'question', addTags: ['password'], removeTags: [] },
};
const created: MacroEvent = { type: 'MacroCreated', data: { macroId: 'm1', version: 1, content } };

function given(...history: MacroEvent[]) {
  return {
    when(command: MacroCommand, actor: Actor = supervisor) {
      const run = () => decideMacro(command, foldMacro(history), { actor });
      return {
        then: (expected: MacroEvent[]) => expect(run()).toEqual(expected),
        thenFails(code: MacroErrorCode, message?: RegExp) {
          let error: unknown;
          try {
            run();
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(MacroError);
          expect((error as MacroError).code).toBe(code);
          if (message) expect((error as MacroError).message).toMatch(message);
        },
      };
    },
  };
}

describe('CreateMacro', () => {
  it('records the first version, tags normalised and text trimmed', () =>
    given()
      .when({ type: 'CreateMacro', data: { macroId: 'm1', content: { ...content, name: '  Password reset ', changes: { ...content.changes, addTags: ['Password'] } } } })
      .then([created]));
  it('is for supervisors and admins', () => given().when({ type: 'CreateMacro', data: { macroId: 'm1', content } }, agent).thenFails('not_allowed'));
  it('refuses a placeholder it cannot fill, naming the ones it can', () =>
    given()
      .when({ type: 'CreateMacro', data: { macroId: 'm1', content: { ...content, reply: { en: 'Hi {{customer.phone}}', ur: null } } } })
      .thenFails('invalid_command', /\{\{customer\.phone\}\} is not a placeholder; use \{\{customer\.name\}\}/));
  it('refuses a macro that does nothing, a reply with no English, a bad tag, and a tag both added and removed', () => {
    const nothing = { ...content, reply: null, changes: { priority: null, category: null, addTags: [], removeTags: [] } };
    given().when({ type: 'CreateMacro', data: { macroId: 'm1', content: nothing } }).thenFails('invalid_command', /a reply or a change/);
    given().when({ type: 'CreateMacro', data: { macroId: 'm1', content: { ...content, reply: { en: ' ', ur: 'صرف اردو' } } } }).thenFails('invalid_command', /English text/);
    given().when({ type: 'CreateMacro', data: { macroId: 'm1', content: { ...content, changes: { ...content.changes, addTags: ['a;b'] } } } }).thenFails('invalid_command', /is not a tag/);
    given().when({ type: 'CreateMacro', data: { macroId: 'm1', content: { ...content, changes: { ...content.changes, removeTags: ['password'] } } } }).thenFails('invalid_command', /both added and removed/);
  });
  it('refuses an id already taken', () => given(created).when({ type: 'CreateMacro', data: { macroId: 'm1', content } }).thenFails('illegal_transition'));
});

describe('ChangeMacro and RetireMacro', () => {
  const changed = { ...content, reply: { en: 'Hello {{customer.name}}', ur: null } };
  it('records the next version with its whole content', () => given(created).when({ type: 'ChangeMacro', data: { content: changed } }).then([{ type: 'MacroChanged', data: { version: 2, content: changed } }]));
  it('refuses a change that changes nothing', () => given(created).when({ type: 'ChangeMacro', data: { content } }).thenFails('illegal_transition', /already reads so/));
  it('retires, after which it changes no more', () => {
    const retired: MacroEvent = { type: 'MacroRetired', data: { reason: 'superseded' } };
    given(created).when({ type: 'RetireMacro', data: { reason: ' superseded ' } }).then([retired]);
    given(created, retired).when({ type: 'ChangeMacro', data: { content: changed } }).thenFails('illegal_transition', /retired/);
    given(created, retired).when({ type: 'RetireMacro', data: { reason: null } }).thenFails('illegal_transition');
  });
  it('knows no macro that was never created', () => given().when({ type: 'RetireMacro', data: { reason: null } }).thenFails('macro_not_found'));
});
