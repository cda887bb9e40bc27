import { createHash, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { TicketCommandRunner } from '@helpdesk/application';
import { BLOB_STORE, BlobStore } from '@helpdesk/blob-store';
import { admin, agent, analyst, auditor, customer, newTicket, otherCustomer, startTestApp, supervisor, TestApp, TestUser } from '../support/test-app';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), randomBytes(70_000)]);
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2_000_000)]);
const PE = Buffer.concat([Buffer.from('MZ'), randomBytes(500)]);
const URDU_NAME = 'رسید جنوری ۲۰۲۶.pdf';
/** Random bytes that no signature matches (random ones could start with "MZ" or "#!"). */
const noise = (n: number) => Buffer.concat([Buffer.from('data:'), randomBytes(n - 5)]);

/** Reads any response body as bytes, whatever its type. */
function binary(res: NodeJS.ReadableStream & { setEncoding?: unknown }, done: (e: Error | null, body: Buffer) => void) {
  const parts: Buffer[] = [];
  res.on('data', (c: Buffer) => parts.push(c));
  res.on('end', () => done(null, Buffer.concat(parts)));
}

/** POST /tickets as multipart: the same fields as the JSON body, nested ones in brackets. */
function submitForm(req: request.Test, ticket: Record<string, unknown> = newTicket()) {
  for (const [key, value] of Object.entries(ticket)) {
    if (Array.isArray(value)) value.forEach((v, i) => req.field(`${key}[${i}]`, String(v)));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) req.field(`${key}[${k}]`, String(v));
    else req.field(key, String(value));
  }
  return req;
}

describe('attachments over HTTP', () => {
  let t: TestApp;
  let blobs: BlobStore;
  beforeAll(async () => {
    t = await startTestApp({ env: { RUN_ROUTING: 'false' } });
    blobs = t.app.get(BLOB_STORE);
  });
  afterAll(async () => t.destroy());

  const download = (who: TestUser, ticketId: string, attachmentId: string, position?: string) =>
    t.http.get(`/tickets/${ticketId}/attachments/${attachmentId}`).query(position ? { consistentWith: position } : {}).set(t.as(who)).buffer(true).parse(binary as never);

  function submitWithFiles(files: Array<[Buffer, string, string]>, who: TestUser = customer, headers: Record<string, string> = {}) {
    const req = t.http.post('/tickets').set(t.as(who)).set(headers);
    submitForm(req);
    for (const [bytes, filename, contentType] of files) req.attach('files', bytes, { filename, contentType });
    return req;
  }

  it('takes files with a submission (multipart) and gives them back byte for byte, as downloads', async () => {
    const res = await submitWithFiles([[PNG, 'screen.png', 'image/png'], [PDF, URDU_NAME, 'application/pdf']]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: expect.any(String), number: expect.stringMatching(/^HD-/), revision: 0 });
    expect(res.body.attachments).toEqual([
      { id: expect.any(String), filename: 'screen.png', contentType: 'image/png', size: PNG.length, sha256: sha256(PNG) },
      { id: expect.any(String), filename: URDU_NAME, contentType: 'application/pdf', size: PDF.length, sha256: sha256(PDF) },
    ]);
    const { id, position } = res.body;
    const [png, pdf] = res.body.attachments;

    const ticket = await t.http.get(`/tickets/${id}`).query({ consistentWith: position }).set(t.as(customer)).expect(200);
    expect(ticket.body.attachments).toEqual([
      { ...png, actorId: customer.id, at: '2026-01-05T04:00:00.000Z' },
      { ...pdf, actorId: customer.id, at: '2026-01-05T04:00:00.000Z' },
    ]);
    expect(ticket.body.subject).toBe(newTicket().subject);
    expect(ticket.body.customer).toMatchObject(newTicket().customer as object);
    expect(ticket.body.errorMessages).toEqual(newTicket().errorMessages);

    const got = await download(customer, id, png.id).expect(200);
    expect(Buffer.compare(got.body, PNG)).toBe(0);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['content-disposition']).toBe('attachment; filename="screen.png"; filename*=UTF-8\'\'screen.png');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-security-policy']).toMatch(/^sandbox/);
    expect(got.headers['repr-digest']).toBe(`sha-256=:${createHash('sha256').update(PNG).digest('base64')}:`);

    const urdu = await download(agent(), id, pdf.id).expect(200);
    expect(Buffer.compare(urdu.body, PDF)).toBe(0);
    expect(urdu.headers['content-type']).toBe('application/pdf');
    const disposition = urdu.headers['content-disposition'];
    expect(disposition).toMatch(/^attachment; filename="[ _0-9a-zA-Z.]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1])).toBe(URDU_NAME);
  });

  it('takes files with a comment, lists them per comment, and hides an internal note\u2019s files from the customer', async () => {
    const { body: submitted } = await t.http.post('/tickets').set(t.as(customer)).send(newTicket()).expect(201);
    const id = submitted.id;
    const log = Buffer.from('ERROR 42 at 09:14\n');
    const reply = await t.http.post(`/tickets/${id}/comments`).set(t.as(agent())).field('body', 'Here is the fixed form').field('visibility', 'public').attach('files', PNG, { filename: 'fixed.png', contentType: 'image/png' }).expect(200);
    const note = await t.http.post(`/tickets/${id}/comments`).set(t.as(agent())).field('body', 'Server log, internal').field('visibility', 'internal').attach('files', log, { filename: 'server.log', contentType: 'text/plain' }).expect(200);
    const customerReply = await t.http.post(`/tickets/${id}/comments`).set(t.as(customer)).field('body', 'شکریہ').field('visibility', 'public').attach('files', PDF, { filename: URDU_NAME, contentType: 'application/pdf' }).expect(200);
    const position = customerReply.body.position;
    const [fixed, internal, mine] = [reply.body.attachments[0], note.body.attachments[0], customerReply.body.attachments[0]];

    const staffView = await t.http.get(`/tickets/${id}`).query({ consistentWith: position }).set(t.as(agent())).expect(200);
    expect(staffView.body.comments.map((c: { attachments: Array<{ id: string }> }) => c.attachments.map((a) => a.id))).toEqual([[fixed.id], [internal.id], [mine.id]]);
    expect(staffView.body.comments[1].attachments[0]).toEqual({ ...internal, actorId: 'agent-ali', at: expect.any(String) });

    const customerView = await t.http.get(`/tickets/${id}`).query({ consistentWith: position }).set(t.as(customer)).expect(200);
    expect(JSON.stringify(customerView.body)).not.toContain(internal.id);
    expect(JSON.stringify(customerView.body)).not.toContain('server.log');

    const staffList = await t.http.get(`/tickets/${id}/attachments`).set(t.as(agent())).expect(200);
    expect(staffList.body.items.map((a: { id: string; visibility: string; commentId: string | null }) => [a.id, a.visibility, a.commentId !== null])).toEqual([
      [fixed.id, 'public', true],
      [internal.id, 'internal', true],
      [mine.id, 'public', true],
    ]);
    expect(staffList.body.items[1].download).toBe(`/tickets/${id}/attachments/${internal.id}`);
    const customerList = await t.http.get(`/tickets/${id}/attachments`).set(t.as(customer)).expect(200);
    expect(customerList.body.items.map((a: { id: string }) => a.id)).toEqual([fixed.id, mine.id]);

    expect(Buffer.compare((await download(agent(), id, internal.id).expect(200)).body, log)).toBe(0);
    expect((await download(agent(), id, internal.id)).headers['content-type']).toBe('text/plain; charset=utf-8');
    // For the customer, the internal note's file does not exist: word for word an unknown attachment.
    const hidden = await t.http.get(`/tickets/${id}/attachments/${internal.id}`).set(t.as(customer)).expect(404);
    const unknownId = '0b0b0b0b-1c1c-4d4d-8e8e-2f2f2f2f2f2f';
    const unknown = await t.http.get(`/tickets/${id}/attachments/${unknownId}`).set(t.as(customer)).expect(404);
    expect({ ...hidden.body, detail: hidden.body.detail.replace(internal.id, 'X'), instance: null }).toEqual({ ...unknown.body, detail: unknown.body.detail.replace(unknownId, 'X'), instance: null });
    expect(hidden.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('answers another customer exactly as for a ticket that does not exist', async () => {
    const { body } = await submitWithFiles([[PNG, 'screen.png', 'image/png']]).expect(201);
    const attachmentId = body.attachments[0].id;
    const unknownTicket = '7d9f1f4e-2b7a-4c1e-9a7e-1b2c3d4e5f60';
    const strip = (res: request.Response) => ({ status: res.status, type: res.body.type, title: res.body.title, detail: String(res.body.detail).replace(body.id, 'ID').replace(unknownTicket, 'ID') });
    for (const path of [`/attachments/${attachmentId}`, '/attachments']) {
      const theirs = await t.http.get(`/tickets/${body.id}${path}`).query({ consistentWith: body.position }).set(t.as(otherCustomer));
      const none = await t.http.get(`/tickets/${unknownTicket}${path}`).set(t.as(otherCustomer));
      expect(strip(theirs)).toEqual(strip(none));
      expect(strip(theirs).status).toBe(404);
      expect(theirs.body.type).toBe('urn:helpdesk:problem:ticket-not-found');
    }
    // Staff who read every ticket download it; analysts see neither the file nor its name.
    for (const who of [supervisor, auditor, admin]) expect((await download(who, body.id, attachmentId)).status).toBe(200);
    expect((await download(analyst, body.id, attachmentId)).status).toBe(403);
    const masked = await t.http.get(`/tickets/${body.id}/attachments`).set(t.as(analyst)).expect(200);
    expect(masked.body.items[0]).toMatchObject({ id: attachmentId, size: PNG.length, contentType: 'image/png' });
    expect(masked.body.items[0].filename).not.toBe('screen.png');
    expect(JSON.stringify((await t.http.get(`/tickets/${body.id}`).set(t.as(analyst)).expect(200)).body)).not.toContain('screen.png');
  });

  it('refuses programs and web pages (415) by name, type or content, and stores none of the request\u2019s files', async () => {
    const good = noise(5000);
    const total = async () => {
      const { body: mark } = await t.http.post('/tickets').set(t.as(admin)).send(newTicket()).expect(201);
      return (await t.http.get('/tickets').query({ consistentWith: mark.position }).set(t.as(admin)).expect(200)).body.total as number;
    };
    const before = await total();
    const cases: Array<[Buffer, string, string]> = [
      [PE, 'setup.exe', 'application/octet-stream'],
      [PE, 'screenshot.png', 'image/png'],
      [Buffer.from('<!doctype html><script>document.cookie</script>'), 'report.pdf', 'application/pdf'],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'logo.svg', 'image/svg+xml'],
      [Buffer.from('hello'), 'page.txt', 'text/html'],
    ];
    for (const [bytes, filename, contentType] of cases) {
      const res = await submitWithFiles([[good, 'notes.txt', 'text/plain'], [bytes, filename, contentType]]);
      expect({ filename, status: res.status, type: res.body.type }).toEqual({ filename, status: 415, type: 'urn:helpdesk:problem:attachment-type-refused' });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.detail).toContain(filename);
      expect(await blobs.has(sha256(bytes))).toBe(false);
    }
    expect(await blobs.has(sha256(good))).toBe(false);
    expect(await total()).toBe(before + 1); // the marker ticket only
  });

  it('names a file under another form field (422) and a broken multipart body (400)', async () => {
    const wrongField = submitForm(t.http.post('/tickets').set(t.as(customer))).attach('attachment', PNG, { filename: 'a.png', contentType: 'image/png' });
    const res = await wrongField;
    expect({ status: res.status, type: res.body.type }).toEqual({ status: 422, type: 'urn:helpdesk:problem:unexpected-file-field' });
    const broken = await t.http.post('/tickets').set(t.as(customer)).set('Content-Type', 'multipart/form-data; boundary=xyz').send('--xyz\r\nContent-Disposition: form-data; name="subject"\r\n\r\nhalf');
    expect({ status: broken.status, type: broken.body.type }).toEqual({ status: 400, type: 'urn:helpdesk:problem:malformed-multipart' });
    expect(await blobs.has(sha256(PNG))).toBe(true); // from the first test; nothing new here
  });

  it('keeps the JSON routes as they were, and refuses fields the DTO does not know in a form too', async () => {
    const json = await t.http.post('/tickets').set(t.as(customer)).send(newTicket()).expect(201);
    expect(Object.keys(json.body).sort()).toEqual(['id', 'number', 'position', 'revision']);
    const extra = await submitForm(t.http.post('/tickets').set(t.as(customer)), { ...newTicket(), sneaky: 'x' });
    expect({ status: extra.status, type: extra.body.type }).toEqual({ status: 400, type: 'urn:helpdesk:problem:validation-failed' });
  });

  it('never writes half a command: files for a comment the ticket refuses are referenced by nothing', async () => {
    const { body } = await t.http.post('/tickets').set(t.as(customer)).send(newTicket()).expect(201);
    const bytes = noise(3000);
    // A customer cannot write an internal note: the decider refuses after the bytes were stored.
    const refused = await t.http.post(`/tickets/${body.id}/comments`).set(t.as(customer)).field('body', 'secret').field('visibility', 'internal').attach('files', bytes, { filename: 'x.txt', contentType: 'text/plain' });
    expect(refused.status).toBe(403);
    const events = await t.http.get(`/tickets/${body.id}/events`).set(t.as(agent())).expect(200);
    expect(events.body.map((e: { type: string }) => e.type)).toEqual(['TicketSubmitted']);
    expect(JSON.stringify(events.body)).not.toContain(sha256(bytes));
    // An orphan blob may remain: harmless (content-addressed, referenced by nothing).
  });

  it('makes an Idempotency-Key retry answer the same ticket and attachment ids, and refuses the key with other files', async () => {
    const key = { 'Idempotency-Key': 'upload-retry-1' };
    const first = await submitWithFiles([[PNG, 'screen.png', 'image/png']], customer, key).expect(201);
    const again = await submitWithFiles([[PNG, 'screen.png', 'image/png']], customer, key).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    const other = await submitWithFiles([[noise(100), 'screen.png', 'image/png']], customer, key);
    expect({ status: other.status, type: other.body.type }).toEqual({ status: 422, type: 'urn:helpdesk:problem:idempotency-key-reused' });
  });

  it('serves a stored HTML file (as mail may bring one) only as an octet-stream download', async () => {
    const html = Buffer.from('<html><body><script>fetch("/auth/me")</script></body></html>');
    const { sha256: address, size } = await blobs.put(html);
    const runner = t.app.get(TicketCommandRunner);
    const { body } = await t.http.post('/tickets').set(t.as(customer)).send(newTicket()).expect(201);
    const attachment = { attachmentId: '5e5e5e5e-6f6f-4a4a-8b8b-9c9c9c9c9c9c', sha256: address, filename: 'invoice.html', contentType: 'text/html', size };
    const result = await runner.execute(body.id, { type: 'AddComment', data: { commentId: 'mail-reply-1', body: 'See attached', visibility: 'public', author: 'customer', attachments: [attachment] } }, { actor: { id: 'mail', role: 'system' }, scope: {}, correlationId: 'c1' });
    const res = await download(customer, body.id, attachment.attachmentId, result.position.toString()).expect(200);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="invoice.html"/);
    expect(res.headers['content-security-policy']).toMatch(/sandbox/);
    expect(Buffer.compare(res.body, html)).toBe(0);
  });
});

describe('attachment limits', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ env: { ATTACHMENT_MAX_BYTES: '50000', ATTACHMENT_MAX_COUNT: '2' } })));
  afterAll(async () => t.destroy());

  const blobFiles = () => {
    try {
      return readdirSync(join(t.dataDir, 'blobs'), { recursive: true }).length;
    } catch {
      return 0;
    }
  };

  it('refuses a file over ATTACHMENT_MAX_BYTES with 413 and records nothing', async () => {
    const req = submitForm(t.http.post('/tickets').set(t.as(customer)));
    const res = await req.attach('files', Buffer.alloc(10, 1), { filename: 'small.txt', contentType: 'text/plain' }).attach('files', noise(50_001), { filename: 'big.dat', contentType: 'application/octet-stream' });
    expect({ status: res.status, type: res.body.type, maxBytes: res.body.maxBytes }).toEqual({ status: 413, type: 'urn:helpdesk:problem:attachment-too-large', maxBytes: 50000 });
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(blobFiles()).toBe(0);
    expect((await t.http.get('/tickets').set(t.as(admin)).expect(200)).body.total).toBe(0);
  });

  it('takes a file of exactly ATTACHMENT_MAX_BYTES', async () => {
    const bytes = noise(50_000);
    const req = submitForm(t.http.post('/tickets').set(t.as(customer)));
    const res = await req.attach('files', bytes, { filename: 'exact.dat', contentType: 'application/octet-stream' }).expect(201);
    expect(res.body.attachments[0].size).toBe(50_000);
  });

  it('refuses more than ATTACHMENT_MAX_COUNT files with 413', async () => {
    const before = blobFiles();
    const req = submitForm(t.http.post('/tickets').set(t.as(customer)));
    for (const i of [1, 2, 3]) req.attach('files', Buffer.from(`file ${i}`), { filename: `f${i}.txt`, contentType: 'text/plain' });
    const res = await req;
    expect({ status: res.status, type: res.body.type, maxCount: res.body.maxCount }).toEqual({ status: 413, type: 'urn:helpdesk:problem:too-many-attachments', maxCount: 2 });
    expect(blobFiles()).toBe(before);
  });
});
