import { setFlagsFromString } from 'node:v8';

// Imported first by the server entry, before anything allocates much. V8 moves an allocation site's
// objects straight to the old generation once most of them outlive a young collection; the requests of
// a crowd that opens the live count outlive many, and then every later request's objects (made at the
// same places in node:http and hono) went to the old generation too: slower reads and a larger heap
// for as long as the process ran (docs/performance.md#the-heap).
setFlagsFromString('--no-allocation-site-pretenuring');
