import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { freePort } from './free-port';

const DOVECOT = process.env.DOVECOT_PATH ?? '/usr/sbin/dovecot';

/**
 * Whether the IMAP tests can run. Without Debian's dovecot they are skipped with a loud reason,
 * unless REQUIRE_DOVECOT is set (as .ci/run does), where a missing dovecot is a failure.
 */
export function dovecotAvailable(): boolean {
  if (existsSync(DOVECOT)) return true;
  const reason = `dovecot not found at ${DOVECOT}: install it with "apt-get install -y dovecot-imapd" (or set DOVECOT_PATH)`;
  if (process.env.REQUIRE_DOVECOT) throw new Error(`${reason}; REQUIRE_DOVECOT is set, so this is a failure`);
  console.warn(`SKIPPED IMAP tests: ${reason}.`);
  return false;
}

export interface MailboxMessage {
  uid: number;
  flags: string[];
}

export interface Dovecot {
  port: number;
  user: string;
  password: string;
  /** `imap://user:password@127.0.0.1:port` (give another password for a refused sign-in). */
  url(password?: string): string;
  /** Appends a raw message to a folder (INBOX by default), as a mail delivery would; answers its UID. */
  append(raw: Buffer | string, folder?: string): Promise<number>;
  /** Every message of a folder with its flags, by UID. */
  messages(folder?: string): Promise<MailboxMessage[]>;
  /** Stops the server and starts it again on the same port with the same mail (a lost connection). */
  restart(): Promise<void>;
  /** Stops the server and deletes its directory. */
  stop(): Promise<void>;
}

const USER = 'helpdesk';

/**
 * Debian's dovecot, started by the test from its own config in a temp dir (no systemd, nothing
 * under /etc): one user with a password, maildir under the dir, IMAP on a free loopback port.
 */
export async function startDovecot(options: { password?: string } = {}): Promise<Dovecot> {
  const password = options.password ?? 'imap test password';
  const dir = mkdtempSync(join(tmpdir(), 'helpdesk-dovecot-'));
  try {
    const owner = mailOwner();
    const mailDir = join(dir, 'mail');
    mkdirSync(mailDir);
    if (owner.chown) {
      // The mail processes run as the owner below, so they must reach the mail directory.
      chmodSync(dir, 0o755);
      chownSync(mailDir, owner.uid, owner.gid);
    }
    writeFileSync(join(dir, 'users'), `${USER}:{PLAIN}${password}::::::\n`, { mode: 0o644 });
    let port = await freePort();
    let process_ = await launch(dir, port, owner, mailDir).catch(async (error: Error) => {
      // Another process took the port between our probe and dovecot's bind: once more elsewhere.
      if (!/bind|address already in use/i.test(error.message)) throw error;
      port = await freePort();
      return launch(dir, port, owner, mailDir);
    });

    const withClient = async <T>(work: (client: ImapFlow) => Promise<T>): Promise<T> => {
      const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user: USER, pass: password }, logger: false });
      await client.connect();
      try {
        return await work(client);
      } finally {
        await client.logout().catch(() => client.close());
      }
    };
    let stopped = false;
    return {
      port,
      user: USER,
      password,
      url: (pass = password) => `imap://${USER}:${encodeURIComponent(pass)}@127.0.0.1:${port}`,
      append: (raw, folder = 'INBOX') =>
        withClient(async (client) => {
          const result = await client.append(folder, typeof raw === 'string' ? Buffer.from(raw) : raw);
          if (!result || !result.uid) throw new Error('dovecot did not answer the appended message UID');
          return result.uid;
        }),
      messages: (folder = 'INBOX') =>
        withClient(async (client) => {
          const lock = await client.getMailboxLock(folder);
          try {
            const found: MailboxMessage[] = [];
            if (client.mailbox && client.mailbox.exists === 0) return found;
            for await (const message of client.fetch('1:*', { uid: true, flags: true })) found.push({ uid: message.uid, flags: [...(message.flags ?? [])].sort() });
            return found.sort((a, b) => a.uid - b.uid);
          } finally {
            lock.release();
          }
        }),
      restart: async () => {
        await terminate(process_);
        process_ = await launch(dir, port, owner, mailDir);
      },
      stop: async () => {
        if (stopped) return;
        stopped = true;
        await terminate(process_);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

interface Owner {
  internalUser: string;
  loginUser: string;
  mailUser: string;
  uid: number;
  gid: number;
  chown: boolean;
}

/**
 * Dovecot refuses to run its login processes as root and to give mail to uid 0. As root, its
 * Debian system users (dovecot, dovenull) serve; as anyone else, everything runs as that user.
 */
function mailOwner(): Owner {
  const me = userInfo();
  if (me.uid !== 0) return { internalUser: me.username, loginUser: me.username, mailUser: me.username, uid: me.uid, gid: me.gid, chown: false };
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n').map((line) => line.split(':'));
  const find = (name: string) => passwd.find((fields) => fields[0] === name);
  const dovecot = find('dovecot');
  const login = find('dovenull') ?? find('nobody');
  if (!dovecot || !login) throw new Error('running as root, dovecot needs its system users "dovecot" and "dovenull" (installed with the dovecot-core package)');
  return { internalUser: 'dovecot', loginUser: login[0], mailUser: 'dovecot', uid: Number(dovecot[2]), gid: Number(dovecot[3]), chown: true };
}

function config(dir: string, port: number, owner: Owner, mailDir: string): string {
  return `# Written by test/support/dovecot.ts for one test run.
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
info_log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = ${owner.internalUser}
default_internal_group = ${owner.internalUser}
default_login_user = ${owner.loginUser}
first_valid_uid = ${Math.min(owner.uid, 100)}
mail_uid = ${owner.mailUser}
mail_gid = ${owner.mailUser}
mail_location = maildir:${mailDir}/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${dir}/users
}
userdb {
  driver = static
  args = uid=${owner.uid} gid=${owner.gid} home=${mailDir}/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
# No brute-force penalty (it would delay every sign-in of a test after a refused one).
service anvil {
  chroot =
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
`;
}

async function launch(dir: string, port: number, owner: Owner, mailDir: string): Promise<ChildProcess> {
  const file = join(dir, 'dovecot.conf');
  writeFileSync(file, config(dir, port, owner, mailDir));
  const child = spawn(DOVECOT, ['-F', '-c', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  let exited = false;
  child.once('exit', () => (exited = true));
  const log = () => output + (existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8') : '');
  const deadline = Date.now() + 30_000;
  while (!(await greets(port))) {
    if (exited || Date.now() > deadline) {
      if (!exited) await terminate(child);
      throw new Error(`dovecot did not start on 127.0.0.1:${port}:\n${log()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return child;
}

/** Whether an IMAP server answers its greeting on the port. */
function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (chunk) => done(chunk.toString().startsWith('* OK')));
  });
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

