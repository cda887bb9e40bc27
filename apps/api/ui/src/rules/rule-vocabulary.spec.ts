import { RULE_ACTION_TYPES as DOMAIN_ACTIONS } from '../../../../../libs/automation/src/rules/rule-action';
import { FIELD_CONDITIONS, RULE_CONDITION_FIELDS as DOMAIN_FIELDS, RULE_CONDITION_OPS as DOMAIN_OPS } from '../../../../../libs/automation/src/rules/rule-condition';
import { RULE_PLACEHOLDERS as DOMAIN_PLACEHOLDERS } from '../../../../../libs/automation/src/rules/rule-placeholders';
import { RULE_CLOCKS as DOMAIN_CLOCKS, RULE_DURATION_UNITS as DOMAIN_UNITS } from '../../../../../libs/automation/src/rules/rule-schedule';
import { CHOICE_FIELDS, RULE_ACTION_TYPES, RULE_CLOCKS, RULE_CONDITION_FIELDS, RULE_CONDITION_OPS, RULE_DURATION_UNITS, RULE_PLACEHOLDERS, RULE_TRIGGER_EVENTS } from './rule-vocabulary';

// The domain's rule module reaches libraries this tsconfig does not map: loaded at run time only.
const { RULE_TRIGGER_EVENTS: DOMAIN_EVENTS } = jest.requireActual<{ RULE_TRIGGER_EVENTS: readonly string[] }>('../../../../../libs/automation/src/rules/rule');

describe('the rules screen’s vocabulary', () => {
  it('is the domain’s: events, fields and their operators and values, actions, clocks, units, placeholders', () => {
    expect(RULE_TRIGGER_EVENTS).toEqual(DOMAIN_EVENTS);
    expect([...RULE_CONDITION_FIELDS].sort()).toEqual([...DOMAIN_FIELDS].sort());
    expect(RULE_CONDITION_OPS).toEqual(DOMAIN_OPS);
    // The same values; the screen lists them in its own order (high priority first).
    const sorted = (fields: Record<string, readonly string[]>) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, [...v].sort()]));
    expect(sorted(CHOICE_FIELDS)).toEqual(sorted(FIELD_CONDITIONS));
    expect(RULE_ACTION_TYPES).toEqual(DOMAIN_ACTIONS);
    expect(RULE_CLOCKS).toEqual(DOMAIN_CLOCKS);
    expect(RULE_DURATION_UNITS).toEqual(DOMAIN_UNITS);
    expect(RULE_PLACEHOLDERS).toEqual(DOMAIN_PLACEHOLDERS);
  });
});
