import { describe, expect, it } from 'vitest';
import { ReplayBuffer, type ReplayLimits } from './replay.js';

const limits: ReplayLimits = { perTopic: 3, maxTopics: 2, maxBytes: 1_000_000, windowMs: 60_000 };

function buffer(overrides: Partial<ReplayLimits> = {}) {
  let now = 0;
  const replay = new ReplayBuffer({ ...limits, ...overrides }, () => now);
  return { replay, advance: (ms: number) => (now += ms) };
}

describe('the replay history of live topics', () => {
  it('gives what followed the last event a client saw, in order', () => {
    const { replay } = buffer();
    for (const id of ['e1', 'e2', 'e3']) replay.append('patient:a', id, `frame-${id}`);
    expect(replay.since('patient:a', 'e1')).toEqual({ frames: ['frame-e2', 'frame-e3'], gap: false });
    expect(replay.since('patient:a', 'e3')).toEqual({ frames: [], gap: false });
  });

  it('reports a gap for an id it no longer has, or never had', () => {
    const { replay } = buffer();
    for (const id of ['e1', 'e2', 'e3', 'e4']) replay.append('patient:a', id, id);
    expect(replay.since('patient:a', 'e1')).toEqual({ frames: [], gap: true }); // beyond three per topic
    expect(replay.since('patient:a', 'e2')).toEqual({ frames: ['e3', 'e4'], gap: false });
    expect(replay.since('patient:b', 'e1')).toEqual({ frames: [], gap: true });
  });

  it('forgets events older than the window but keeps a topic’s newest, so that “nothing missed” stays known', () => {
    const { replay, advance } = buffer();
    replay.append('patient:a', 'e1', 'e1');
    replay.append('patient:a', 'e2', 'e2');
    advance(61_000);
    expect(replay.since('patient:a', 'e1').gap).toBe(true);
    expect(replay.since('patient:a', 'e2')).toEqual({ frames: [], gap: false });
  });

  it('forgets the least recently published topic past the topic or byte budget', () => {
    const { replay } = buffer();
    replay.append('patient:a', 'a1', 'a1');
    replay.append('patient:b', 'b1', 'b1');
    replay.append('patient:a', 'a2', 'a2');
    replay.append('patient:c', 'c1', 'c1');
    expect(replay.since('patient:b', 'b1').gap).toBe(true);
    expect(replay.since('patient:a', 'a1').gap).toBe(false);
    expect(replay.stats().topics).toBe(2);

    const small = buffer({ maxTopics: 100, perTopic: 100, maxBytes: 2_000 }).replay;
    for (let i = 0; i < 100; i++) small.append(`topic:${i}`, `e${i}`, 'x'.repeat(100));
    expect(small.stats().bytes).toBeLessThanOrEqual(2_000);
    expect(small.since('topic:99', 'e99').gap).toBe(false);
    expect(small.since('topic:0', 'e0').gap).toBe(true);
  });
});
