import { EventEmitter } from 'node:events';
import { Request, Response } from 'express';
import { InFlightRequests } from './in-flight-requests';
import { ShutdownState } from './shutdown-state';

/** Enough of an express response: the events a request's end is told by, and what a refusal writes. */
class FakeResponse extends EventEmitter {
  statusCode = 200;
  body: string | undefined;
  status(code: number) {
    this.statusCode = code;
    return this;
  }
  set() {
    return this;
  }
  send(body: string) {
    this.body = body;
    return this;
  }
}

function setUp() {
  const state = new ShutdownState();
  const inFlight = new InFlightRequests(state);
  const arrive = () => {
    const res = new FakeResponse();
    let passed = false;
    inFlight.middleware({} as Request, res as unknown as Response, () => (passed = true));
    return { res, passed, response: res as unknown as Response };
  };
  return { state, inFlight, arrive };
}

const settled = async (promise: Promise<boolean>) => Promise.race([promise.then(() => 'idle'), new Promise((resolve) => setImmediate(() => resolve('waiting')))]);

describe('requests in flight, for a graceful shutdown', () => {
  it('given a request being answered, when its response is sent, then nothing is in flight', () => {
    const { inFlight, arrive } = setUp();
    const { res, passed, response } = arrive();
    const leave = inFlight.enterHandler(response)!;
    expect(passed).toBe(true);
    expect(inFlight.size).toBe(1);
    leave();
    res.emit('finish');
    res.emit('close');
    expect(inFlight.size).toBe(0);
  });

  it('given a command whose handler runs, when its client hangs up, then the shutdown waits for the handler', async () => {
    const { inFlight, arrive } = setUp();
    const { res, response } = arrive();
    const leave = inFlight.enterHandler(response)!;
    res.emit('close');
    const idle = inFlight.idle(60_000);
    expect(inFlight.size).toBe(1);
    expect(await settled(idle)).toBe('waiting');
    leave();
    expect(await settled(idle)).toBe('idle');
    expect(inFlight.size).toBe(0);
  });

  it('given a stream whose handler has returned (a live feed), when its client leaves, then it is no longer in flight', () => {
    const { inFlight, arrive } = setUp();
    const { res, response } = arrive();
    inFlight.enterHandler(response)!();
    expect(inFlight.size).toBe(1);
    res.emit('close');
    expect(inFlight.size).toBe(0);
  });

  it('given a client that hung up before its handler started, when the server is draining, then the handler is not started', () => {
    const { state, inFlight, arrive } = setUp();
    const { res, response } = arrive();
    res.emit('close');
    expect(inFlight.size).toBe(0);
    state.draining = true;
    expect(inFlight.enterHandler(response)).toBeNull();
    expect(inFlight.size).toBe(0);
  });

  it('given a client that hung up before its handler started, when the server is not draining, then the handler counts while it runs', () => {
    const { inFlight, arrive } = setUp();
    const { res, response } = arrive();
    res.emit('close');
    const leave = inFlight.enterHandler(response)!;
    expect(inFlight.size).toBe(1);
    leave();
    leave();
    expect(inFlight.size).toBe(0);
  });

  it('given the server draining, when a request arrives, then it is refused with 503 before anything runs and is not counted', () => {
    const { state, inFlight, arrive } = setUp();
    state.draining = true;
    const { res, passed } = arrive();
    expect(passed).toBe(false);
    expect(res.statusCode).toBe(503);
    expect(JSON.parse(res.body!)).toMatchObject({ title: 'Shutting down', status: 503 });
    expect(inFlight.size).toBe(0);
  });
});
