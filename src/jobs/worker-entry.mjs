// A job worker thread's entry: TypeScript is loaded through tsx (as `npm start` does), then the worker.
import { register } from 'tsx/esm/api';

register();
await import('./jobs.worker.ts');
