import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../demo.js';
import { ApiClient } from '../../platform/testing/client.js';
import { describeEachDatabase } from '../../platform/testing/databases.js';
import { startTestServer } from '../../platform/testing/server.js';
import type { RunningServer } from '../../server.js';
import { DEMO_PASSWORD } from '../accounts/index.js';
import { everyTable } from '../testing.js';
import { ofDrMartin, type ProblemReply, type SlotSearchReply } from './testing.js';

const SECOND_NODE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'second-node.ts');

/** A second server process on the same PostgreSQL; resolves with its URL once it listens. */
function startSecondNode(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SECOND_NODE], {
    // Its mail outbox, if it writes one, goes to the system's temporary folder.
    env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: path.join(os.tmpdir(), `parcours-second-node-${process.pid}`) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      const line = output.split('\n').find((l) => l.startsWith('{"url"'));
      if (line) resolve({ url: (JSON.parse(line) as { url: string }).url, child });
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`second node exited with ${code}: ${output.slice(0, 2000)}`)));
  });
}

describeEachDatabase('booking under contention', (database, kind) => {
  let server: RunningServer;
  let second: { url: string; child: ChildProcess } | undefined;
  let patientId: string;
  const patients: ApiClient[] = [];

  beforeAll(async () => {
    await seedDemo(database().db);
    server = await startTestServer(database());
    if (kind === 'postgres') second = await startSecondNode(database().url!);
    patientId = (
      await everyTable(database().db).selectFrom('patients').select('id').where('first_names', '=', 'Camille').executeTakeFirstOrThrow()
    ).id;
    // Camille, signed in on each node: a session is in the database, valid on both.
    const camille = new ApiClient(server.url);
    await camille.login('camille.petit@demo.parcours.fr', DEMO_PASSWORD);
    patients.push(camille);
    if (second) patients.push(Object.assign(new ApiClient(second.url), { cookie: camille.cookie, csrfToken: camille.csrfToken }));
  }, 120_000);
  afterAll(async () => {
    if (second && second.child.exitCode === null) {
      second.child.kill('SIGTERM');
      await new Promise((resolve) => second!.child.once('exit', resolve));
    }
    await server?.stop();
  });

  const liveAppointments = async (typeIdOrPractitioner: { startsAt: string }) =>
    Number(
      (
        await everyTable(database().db)
          .selectFrom('appointments')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('starts_at', '=', new Date(typeIdOrPractitioner.startsAt))
          .where('status', '=', 'booked')
          .executeTakeFirstOrThrow()
      ).n,
    );

  it(
    kind === 'postgres'
      ? 'gives the slot to exactly one of 200 simultaneous bookings spread over two server processes, and 199 clean 409s'
      : 'gives the slot to exactly one of 200 simultaneous bookings, and 199 clean 409s',
    async () => {
      const found = (await patients[0]!.get<SlotSearchReply>('/api/v1/slots?specialty=general-practice&modality=video&territory=75')).body;
      const slot = ofDrMartin(found)[5]!;
      const body = { patientId, typeId: slot.typeId, startsAt: slot.start };
      const replies = await Promise.all(
        Array.from({ length: 200 }, (_, i) => patients[i % patients.length]!.post<ProblemReply>('/api/v1/appointments', body)),
      );
      const statuses = replies.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(199);
      for (const lost of replies.filter((r) => r.status === 409)) {
        expect(lost.headers.get('content-type')).toContain('application/problem+json');
        expect(lost.body.type).toBe('urn:parcours:problem:slot-taken');
      }
      expect(await liveAppointments({ startsAt: slot.start })).toBe(1);
      // The losers left nothing: one booking in the history, one confirmation owed.
      const db = everyTable(database().db);
      expect((await db.selectFrom('appointment_history').select('id').where('change', '=', 'booked').execute()).length).toBe(
        (await db.selectFrom('appointments').select('id').execute()).length,
      );
    },
    120_000,
  );

  it('lets one of two overlapping slots of different types win when both are booked at once', async () => {
    const video = (await patients[0]!.get<SlotSearchReply>('/api/v1/slots?specialty=general-practice&modality=video&territory=75')).body;
    const phone = (await patients[0]!.get<SlotSearchReply>('/api/v1/slots?specialty=general-practice&modality=phone&territory=75')).body;
    const pairs = ofDrMartin(phone)
      .map((p) => ({
        p,
        v: ofDrMartin(video).find((v) => Date.parse(p.start) > Date.parse(v.start) && Date.parse(p.start) < Date.parse(v.end)),
      }))
      .filter((x) => x.v);
    const { p, v } = pairs[3]!;
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        patients[i % patients.length]!.post('/api/v1/appointments', {
          patientId,
          ...(i % 2 ? { typeId: p.typeId, startsAt: p.start } : { typeId: v!.typeId, startsAt: v!.start }),
        }),
      ),
    );
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 409)).toHaveLength(39);
  });
});
