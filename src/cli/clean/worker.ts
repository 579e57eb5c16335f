/** Worker thread of `scrape-clean clean`: says it is ready, then cleans the tasks the pool posts, one at a time. */
import { parentPort, workerData } from 'node:worker_threads';
import { cleanToOutcome, type CleanTask, type OutcomeOptions } from './outcome.js';

const options = workerData as OutcomeOptions;
parentPort!.on('message', (message: { id: number; task: CleanTask }) => {
  parentPort!.postMessage({ id: message.id, outcome: cleanToOutcome(message.task, options) });
});
parentPort!.postMessage({ ready: true });
