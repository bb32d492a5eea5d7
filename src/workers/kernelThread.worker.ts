/** The boosting fit's helper thread in the browser: serves histogram jobs until the fit closes it. */
import { serveKernelJobs, type KernelThreadInit } from '../core/models/trees/kernelThread';

self.addEventListener('message', (event: MessageEvent<KernelThreadInit>) => serveKernelJobs(event.data), { once: true });
