/** Worker thread of `scrape-clean clean`: says it is ready, then cleans the tasks the pool posts, one at a time. */
import { parentPort, workerData } from 'node:worker_threads';
import { cleanToOutcome, loadDocumentCheck, type CleanTask, type OutcomeOptions } from './outcome.js';
import { compileRegExpsAtFirstUse } from './run.js';

compileRegExpsAtFirstUse();
const options = workerData as OutcomeOptions;
const check = options.validate ? await loadDocumentCheck() : undefined;
parentPort!.on('message', (message: { id: number; task: CleanTask }) => {
  parentPort!.postMessage({ id: message.id, outcome: cleanToOutcome(message.task, options, check) });
});
parentPort!.postMessage({ ready: true });
