import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MasterKeyError } from '@helpdesk/privacy';
import { PII_MASTER_KEY_FILE, resolvePiiMasterKey } from './pii-master-key';

describe('the PII master key', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'helpdesk-pii-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('takes PII_MASTER_KEY as 64 hex digits or base64 of 256 bits', () => {
    expect(resolvePiiMasterKey({ PII_MASTER_KEY: 'ab'.repeat(32), DATA_DIR: dir })).toEqual(Buffer.alloc(32, 0xab));
    expect(resolvePiiMasterKey({ PII_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'), DATA_DIR: dir })).toEqual(Buffer.alloc(32, 7));
  });

  it.each(['short', 'ab'.repeat(31), Buffer.alloc(16).toString('base64'), 'zz'.repeat(32)])('refuses a configured key that is not 256 bits (%s), naming the setting', (value) => {
    expect(() => resolvePiiMasterKey({ PII_MASTER_KEY: value, DATA_DIR: dir })).toThrow(MasterKeyError);
    expect(() => resolvePiiMasterKey({ PII_MASTER_KEY: value, DATA_DIR: dir })).toThrow(/PII_MASTER_KEY is not a valid master key/);
  });

  it('is required with EVENT_STORE_URL or MONGO_URL', () => {
    expect(() => resolvePiiMasterKey({ EVENT_STORE_URL: 'esdb://x:2113', DATA_DIR: dir })).toThrow(/PII_MASTER_KEY is required/);
    expect(() => resolvePiiMasterKey({ MONGO_URL: 'mongodb://x/db', DATA_DIR: dir })).toThrow(/PII_MASTER_KEY is required/);
  });

  it('is made once into DATA_DIR, readable by the owner only, and kept across starts', () => {
    const first = resolvePiiMasterKey({ DATA_DIR: dir });
    expect(first).toHaveLength(32);
    expect(statSync(join(dir, PII_MASTER_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(resolvePiiMasterKey({ DATA_DIR: dir })).toEqual(first);
    expect(readFileSync(join(dir, PII_MASTER_KEY_FILE), 'utf8')).toBe(first.toString('base64'));
  });

  it('refuses a damaged key file rather than making a new key (which would orphan every stored key)', () => {
    writeFileSync(join(dir, PII_MASTER_KEY_FILE), 'damaged');
    expect(() => resolvePiiMasterKey({ DATA_DIR: dir })).toThrow(MasterKeyError);
    expect(readFileSync(join(dir, PII_MASTER_KEY_FILE), 'utf8')).toBe('damaged');
  });
});
