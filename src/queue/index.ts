/**
 * Scale-out on BullMQ + Redis (issue 10, docs/deploy.md): coordinators put fetch and parse work on
 * the queue; `nianbao worker` processes on any number of machines take it.
 */
export { openCoordinator, type Coordinator, type CoordinatorOptions, type QueueLogger, type RemoteSteps } from "./coordinator.js";
export { startWorker, type QueueWorker, type QueueWorkerOptions, type WorkerLogger } from "./worker.js";
export { checkQueueUrl, DEFAULT_PREFIX } from "./redis.js";
export { fetchQueueName, PARSE_QUEUE } from "./jobs.js";
