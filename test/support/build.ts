import { buildIfStale } from '../../scripts/build.mjs';

/** The server and the command line the tests start as processes run from dist/, as `npm start` does. */
export default buildIfStale;
