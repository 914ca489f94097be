// Preloaded (`node --require`) by the image check (deploy/images/src/verify-image.ts): the
// development toolchain must never be loaded by a production build. The check already runs the
// build from a folder where these cannot be found; this names the culprit instead of a bare
// "Cannot find module".
'use strict';
const Module = require('node:module');

const DEVELOPMENT_ONLY = /^(tsx|typescript|esbuild|ts-node|@swc\/core)(\/|$)/;
const resolveFilename = Module._resolveFilename;

Module._resolveFilename = function guardedResolve(request, ...rest) {
  if (DEVELOPMENT_ONLY.test(request))
    throw new Error(
      `${request} was required at run time: the production build must not need the development toolchain`,
    );
  return resolveFilename.call(this, request, ...rest);
};
