import { Directory, NamesStore } from './names-store';

/** A directory served in turns: each read answers the next entry, and is counted. */
function directory(...answers: Array<Directory | Error>) {
  let reads = 0;
  const read = async () => {
    const answer = answers[Math.min(reads, answers.length - 1)];
    reads++;
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { read, reads: () => reads };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the names of a session', () => {
  it('reads the directory once, names by id, and tells the screens when names arrive', async () => {
    const source = directory({ 'agent-ali': { name: 'Ali Hassan', role: 'agent' } });
    const store = new NamesStore(source.read);
    const changes: number[] = [];
    store.subscribe(() => changes.push(store.version));
    expect(store.nameOf('agent-ali')).toBe('agent-ali'); // not read yet: the id, and a read starts
    await store.load();
    expect(store.nameOf('agent-ali')).toBe('Ali Hassan');
    for (let i = 0; i < 50; i++) store.nameOf('agent-ali');
    await store.load();
    expect(source.reads()).toBe(1);
    expect(changes).toEqual([1]);
  });

  it('reads again once for an id it does not know, and never again for that id', async () => {
    const source = directory({}, { 'agent-new': { name: 'Nida Shah', role: 'agent' } }, {});
    const store = new NamesStore(source.read);
    await store.load();
    expect(store.nameOf('agent-new')).toBe('agent-new');
    await settle();
    await store.load();
    expect(store.nameOf('agent-new')).toBe('Nida Shah');
    expect(store.nameOf('gone-for-good')).toBe('gone-for-good');
    await settle();
    for (let i = 0; i < 20; i++) store.nameOf('gone-for-good');
    await settle();
    expect(source.reads()).toBe(3);
  });

  it('keeps ids when there is no directory to read, or it is refused', async () => {
    const none = new NamesStore(null);
    expect(none.nameOf('agent-ali')).toBe('agent-ali');
    const refused = directory(Object.assign(new Error('not allowed'), { status: 403 }));
    const store = new NamesStore(refused.read);
    await store.load();
    store.nameOf('agent-ali');
    store.nameOf('agent-sara');
    await settle();
    expect(store.nameOf('agent-ali')).toBe('agent-ali');
    expect(refused.reads()).toBe(1);
  });
});
