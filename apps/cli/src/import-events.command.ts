import { createReadStream } from 'node:fs';
import { BadEventLineError, CopyVerification, eventsFromNdjson, importEvents, openRawEventStore, TargetDivergesError } from '@helpdesk/operations';
import { auditPublicKey, cliSettings, configuredEventStore } from './configured-stores';

/**
 * `import-events <file|->`: appends an export to the configured event store, which must be
 * empty (or hold the part of this same export an interrupted import left: it continues after
 * it). Streams, event ids, revisions and chain links come out identical; then the store is read
 * back and compared, and every chain verified on it.
 */
export async function runImportEvents(file: string | undefined): Promise<number> {
  if (!file) {
    console.error('import-events needs a file, or - for standard input.');
    return 2;
  }
  const settings = cliSettings();
  const target = openRawEventStore(configuredEventStore(settings));
  try {
    const input = file === '-' ? process.stdin : createReadStream(file);
    const { progress, verification } = await importEvents(eventsFromNdjson(input), target, { publicKey: auditPublicKey(settings) });
    console.log(`Imported ${progress.copied} event(s)${progress.alreadyThere ? `; ${progress.alreadyThere} were already there (an earlier import)` : ''}.`);
    return reportVerification(verification);
  } catch (error) {
    if (error instanceof BadEventLineError || error instanceof TargetDivergesError) {
      console.error(`Import stopped: ${error.message}`);
      console.error('Events before that point were appended; run the same import again once fixed and it continues after them.');
      return error instanceof BadEventLineError ? 2 : 1;
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      console.error(`No file ${file}.`);
      return 2;
    }
    throw error;
  } finally {
    await target.close();
  }
}

/** Prints what the comparison found; 0 when the copy is whole and every chain verifies. */
export function reportVerification(v: CopyVerification): number {
  for (const problem of v.problems) console.log(`PROBLEM ${problem}`);
  const checkpoints = v.checkpointsChecked === 0 ? 'no signed checkpoints' : `${v.checkpointsChecked} signed checkpoint(s) ${v.checkpointsOk ? 'hold' : 'do NOT hold'}`;
  const positions = v.samePositions ? 'same positions' : 'positions renumbered by the target';
  console.log(
    `${v.ok ? 'VERIFIED' : 'FAILED'}: source ${v.events.source} event(s), target ${v.events.target}; ${v.sameEvents ? 'same events in the same order' : 'the events differ'}; ` +
      `${positions}; chains on the target ${v.targetChainsOk ? 'verify' : 'are BROKEN'}; ${checkpoints}.`,
  );
  return v.ok ? 0 : 1;
}
