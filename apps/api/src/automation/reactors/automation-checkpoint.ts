import { Position, START } from '@helpdesk/event-store';
import { padPosition, unpadPosition } from '@helpdesk/projection-engine';
import { Doc, ReadStore } from '@helpdesk/read-store';
import { Rule } from '@helpdesk/automation';

export const AUTOMATION_COLLECTION = '_automation';
const RULES_ID = 'triggers:rules';
const POSITION_ID = 'triggers:position';

interface RulesDoc extends Doc {
  /** The position of the last rule event: the rules are those in force there. */
  checkpoint: string;
  rules: Rule[];
  updatedAt: string;
}

interface PositionDoc extends Doc {
  checkpoint: string;
  updatedAt: string;
}

interface ClockCursorDoc extends Doc {
  since: string;
  ticketId: string;
}

const encode = (position: Position) => (position === START ? '' : padPosition(position));
const decode = (text: string) => (text ? unpadPosition(text) : START);

/**
 * Where the automation reactors stand, in the read store: the trigger reactor's feed position,
 * the rules in force at the last rule event (with that event's position, in one document, so the
 * two never disagree), and for each version of each time-based rule the last clock start it dealt
 * with. The reactor resumes from the later of the two positions: after a rule event the rules
 * document is written first, and a batch's end only moves the small position document, so a
 * thousand rules are not rewritten with every batch.
 */
export class AutomationCheckpoint {
  constructor(private readonly store: ReadStore) {}

  async load(): Promise<{ position: Position; rules: Rule[] } | null> {
    const rules = await this.store.collection<RulesDoc>(AUTOMATION_COLLECTION).findOne({ _id: RULES_ID });
    if (!rules) return null;
    const at = await this.store.collection<PositionDoc>(AUTOMATION_COLLECTION).findOne({ _id: POSITION_ID });
    const [a, b] = [decode(rules.checkpoint), at ? decode(at.checkpoint) : START];
    return { position: a > b ? a : b, rules: rules.rules ?? [] };
  }

  /** The rules in force at `position` (a rule event's). */
  async save(position: Position, rules: Rule[]): Promise<void> {
    await this.store.collection<RulesDoc>(AUTOMATION_COLLECTION).replaceOne({ _id: RULES_ID }, { _id: RULES_ID, checkpoint: encode(position), rules, updatedAt: new Date().toISOString() }, { upsert: true });
  }

  /** The position alone (after a batch). */
  async advance(position: Position): Promise<void> {
    await this.store.collection<PositionDoc>(AUTOMATION_COLLECTION).replaceOne({ _id: POSITION_ID }, { _id: POSITION_ID, checkpoint: encode(position), updatedAt: new Date().toISOString() }, { upsert: true });
  }

  async clockCursor(ruleId: string, version: number): Promise<{ since: string; ticketId: string } | null> {
    const doc = await this.store.collection<ClockCursorDoc>(AUTOMATION_COLLECTION).findOne({ _id: `time:${ruleId}:${version}` });
    return doc ? { since: doc.since, ticketId: doc.ticketId } : null;
  }

  async setClockCursor(ruleId: string, version: number, cursor: { since: string; ticketId: string }): Promise<void> {
    const _id = `time:${ruleId}:${version}`;
    await this.store.collection<ClockCursorDoc>(AUTOMATION_COLLECTION).replaceOne({ _id }, { _id, ...cursor }, { upsert: true });
  }
}
