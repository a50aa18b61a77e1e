/**
 * A worker that takes one `test.record` job and then hangs, so a test can kill it mid-job and
 * check that the job is offered again.
 */
import { JobQueue } from '../../src/server/jobs/queue';

const connection = JSON.parse(process.env.JOB_CONNECTION ?? '{}');
const queue = new JobQueue({ connection, pollingIntervalSeconds: 0.5 });
await queue.start();
await queue.work({
  'test.record': async (payload) => {
    console.log(`picked ${payload.marker}`);
    await new Promise(() => {}); // never finishes
  },
});
console.log('ready');
