import { createAdmin, UserAccounts, UserDirectory } from '@helpdesk/application';
import { createEventStore } from '@helpdesk/event-store';
import { systemClock } from '@helpdesk/shared';
import { validateSettings } from '../../api/src/config/settings';

/**
 * `create-admin --email <address> [--name <name>]`: the first admin (or another one), on the
 * configured event store. The password comes from ADMIN_PASSWORD or standard input, never from
 * the command line (where `ps` and shell history would keep it); at a terminal it is not echoed.
 */
export async function runCreateAdmin(options: { email?: string; name?: string }): Promise<number> {
  if (!options.email) {
    console.error('create-admin needs --email <address>');
    return 2;
  }
  const password = process.env.ADMIN_PASSWORD ?? (await readPassword());
  const settings = validateSettings(process.env);
  const store = createEventStore({ eventStoreUrl: settings.EVENT_STORE_URL, dataDir: settings.DATA_DIR, synchronous: settings.SQLITE_SYNCHRONOUS });
  try {
    const accounts = new UserAccounts(store, new UserDirectory(store), systemClock);
    const result = await createAdmin(accounts, { email: options.email, password, name: options.name }, 'cli');
    if (!result.created) {
      console.error(`An account with ${options.email} already exists; nothing changed.`);
      return 1;
    }
    console.log(`Created admin ${options.email.trim().toLowerCase()} (user ${result.userId}). Sign in with POST /auth/login.`);
    return 0;
  } catch (error) {
    if (error instanceof Error && /not acceptable/.test(error.message)) {
      console.error(error.message);
      return 2;
    }
    throw error;
  } finally {
    await store.close();
  }
}

/** The first line of standard input; at a terminal, prompted for and not echoed. */
async function readPassword(): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let text = '';
    for await (const chunk of stdin) text += chunk;
    return text.split(/\r?\n/)[0];
  }
  process.stderr.write('Password for the new admin: ');
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let typed = '';
    const onData = (key: string) => {
      for (const ch of key) {
        if (ch === '\r' || ch === '\n') return finish(() => resolve(typed));
        if (ch === '\u0003') return finish(() => reject(new Error('Cancelled.')));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    const finish = (done: () => void) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      done();
    };
    stdin.on('data', onData);
  });
}
