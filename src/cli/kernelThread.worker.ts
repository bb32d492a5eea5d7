/** The boosting fit's helper thread in Node: serves histogram jobs until the fit closes it. */
import { workerData } from 'node:worker_threads';
import { serveKernelJobs, type KernelThreadInit } from '../core/models/trees/kernelThread';

serveKernelJobs(workerData as KernelThreadInit);
