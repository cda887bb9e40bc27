import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { runBackup } from './backup.command';
import { runCreateAdmin } from './create-admin.command';
import { runExportEvents } from './export-events.command';
import { runImportEvents } from './import-events.command';
import { runMigrate } from './migrate.command';
import { runIngest } from './ingest.command';
import { runRebuild } from './rebuild.command';
import { runReplay } from './replay.command';
import { runRestore } from './restore.command';
import { runStatus } from './status.command';
import { runVerify } from './verify.command';

const USAGE = `Usage: npm run cli -- <command>

Commands:
  rebuild <projection|all>   rebuild read models into new collections, then switch (no downtime)
  status                     checkpoint, lag and dead letters of every projection
  replay <ticket> [--lang ur] a ticket's history step by step, with its state after each event
  verify <ticket> | --all    recompute hash chains; name the first broken link (exit 1 if any)
  create-admin --email <address> [--name <name>]
                             create an admin account; the password is read from ADMIN_PASSWORD
                             or standard input (never from the command line)
  backup <dir>               online backup of DATA_DIR (event and read stores, keys, blobs) with a manifest
  restore <dir> [--force]    verify a backup and restore it into an empty DATA_DIR (--force: a used one)
  export-events [file|-]     the whole event log as NDJSON in global order (default: standard output)
  import-events <file|->     append an export to the configured, empty event store; verify it there
  migrate --to-event-store <esdb://…|dir|sqlite:file> --to-read-store <mongodb://…|dir|sqlite:file>
                             copy the event log in order (resumable), verify it there, rebuild the read models
  ingest <file.eml> | -      one raw message through the inbound mail pipeline (the same as
                             SMTP and IMAP deliver to); prints the outcome as JSON

Configuration comes from the same environment as the API (DATA_DIR, EVENT_STORE_URL, MONGO_URL).`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' }, quiet: { type: 'boolean', short: 'q' }, all: { type: 'boolean' }, lang: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, force: { type: 'boolean' }, 'to-event-store': { type: 'string' }, 'to-read-store': { type: 'string' } } });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  switch (command) {
    case 'rebuild':
      return runRebuild(rest[0], { quiet: values.quiet ?? false });
    case 'status':
      return runStatus();
    case 'replay':
      return runReplay(rest[0], values.lang === 'ur' ? 'ur' : 'en');
    case 'verify':
      return runVerify(rest[0], values.all ?? false);
    case 'create-admin':
      return runCreateAdmin({ email: values.email, name: values.name });
    case 'backup':
      return runBackup(rest[0]);
    case 'restore':
      return runRestore(rest[0], { force: values.force ?? false });
    case 'migrate':
      return runMigrate({ toEventStore: values['to-event-store'], toReadStore: values['to-read-store'] });
    case 'export-events':
      return runExportEvents(rest[0]);
    case 'import-events':
      return runImportEvents(rest[0]);
    case 'ingest':
      return runIngest(rest[0]);
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
