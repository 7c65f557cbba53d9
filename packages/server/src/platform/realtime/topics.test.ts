import { describe, expect, it } from 'vitest';
import { defineTopic, TopicRegistry } from './topics.js';

const room = defineTopic({
  name: 'room',
  params: ['organisationId', 'roomId'],
  authorize: (actor, { organisationId }) => actor.memberships.some((m) => m.organisationId === organisationId),
});

describe('live topics', () => {
  it('names one resource’s topic and resolves it back to its family and parameters', () => {
    const registry = new TopicRegistry([room]);
    const topic = room.topic({ organisationId: 'org-1', roomId: 'r_2' });
    expect(topic).toBe('room:org-1:r_2');
    expect(registry.resolve(topic)).toEqual({ family: room, params: { organisationId: 'org-1', roomId: 'r_2' } });
  });

  it('resolves nothing for an unknown family, a wrong arity or a malformed topic', () => {
    const registry = new TopicRegistry([room]);
    expect(registry.resolve('patient:1')).toBeNull();
    expect(registry.resolve('room:org-1')).toBeNull();
    expect(registry.resolve('room:org 1:r')).toBeNull();
    expect(registry.resolve('room:org-1:r:x')).toBeNull();
  });

  it('refuses a parameter that would change the topic, and a family declared twice', () => {
    expect(() => room.topic({ organisationId: 'org:other', roomId: 'r' })).toThrow(/parameter/);
    expect(() => new TopicRegistry([room, room])).toThrow(/twice/);
    expect(() => defineTopic({ name: 'Bad Name', params: [], authorize: () => true })).toThrow(/Invalid topic family/);
  });
});
