// A real OpenID Connect provider (oidc-provider) for the gateway's SSO tests: a city's IdP in a
// child process, since oidc-provider is ESM with top-level code. Listens on 127.0.0.1 (random
// port) and prints `READY <issuer>` once it serves. Environment:
//   OIDC_TEST_REDIRECT_URI  the gateway's callback (the static client's only redirect URI)
//   OIDC_TEST_CLIENT_ID / OIDC_TEST_CLIENT_SECRET
//   OIDC_TEST_USERS         JSON { login: { password, claims } }: the accounts and their claims
// Login is a plain form (POST /interaction/<uid>/login with login and password); consent is granted
// without a page, as a city IdP does for a first-party client. `POST /__test/tamper` with a JSON
// body of ID token claims makes the next token response carry an ID token re-signed with those
// claims overridden (a misbehaving or compromised provider, for the client's checks).
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, importJWK, SignJWT } from 'jose';
import Provider from 'oidc-provider';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const redirectUri = env('OIDC_TEST_REDIRECT_URI');
const users = JSON.parse(env('OIDC_TEST_USERS'));

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const signingJwk = { ...(await exportJWK(privateKey)), kid: 'test-rs256', alg: 'RS256', use: 'sig' };

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: env('OIDC_TEST_CLIENT_ID'),
      client_secret: env('OIDC_TEST_CLIENT_SECRET'),
      redirect_uris: [redirectUri],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  jwks: { keys: [signingJwk] },
  cookies: { keys: [randomUUID()] },
  pkce: { required: () => true },
  // Claims go into the ID token itself (not only userinfo), as the gateway reads them from there.
  conformIdTokenClaims: false,
  claims: {
    openid: ['sub'],
    profile: ['name', 'preferred_username'],
    groups: ['groups', 'districts', 'enterprise_id'],
  },
  scopes: ['openid', 'profile', 'groups'],
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  findAccount: async (_ctx, id) =>
    users[id] && { accountId: id, claims: async () => ({ sub: id, ...users[id].claims }) },
});

let tamper;
provider.use(async (ctx, next) => {
  await next();
  if (ctx.path !== '/token' || !tamper || ctx.status !== 200) return;
  const body = typeof ctx.body === 'string' ? JSON.parse(ctx.body) : ctx.body;
  if (!body?.id_token) return;
  const key = await importJWK(signingJwk, 'RS256');
  const claims = { ...decodeJwt(body.id_token), ...tamper };
  body.id_token = await new SignJWT(claims)
    .setProtectedHeader(decodeProtectedHeader(body.id_token))
    .sign(key);
  ctx.body = body;
  tamper = undefined;
});

const page = (res, status, html) => {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(html);
};
const readForm = async (req) => {
  let text = '';
  for await (const chunk of req) text += chunk;
  return new URLSearchParams(text);
};

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return page(res, 400, 'interaction mismatch');
  if (details.prompt.name === 'login') {
    if (req.method === 'GET')
      return page(res, 200, `<form method="post" action="/interaction/${uid}/login">login</form>`);
    if (action !== 'login') return page(res, 400, 'unknown action');
    const form = await readForm(req);
    const account = users[form.get('login') ?? ''];
    if (!account || account.password !== form.get('password')) return page(res, 401, 'wrong login');
    return provider.interactionFinished(req, res, { login: { accountId: form.get('login') } });
  }
  // consent: a first-party client gets what it asked for
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
  const missing = details.prompt.details;
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  const grantId = await grant.save();
  return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

const callback = provider.callback();
server.on('request', (req, res) => {
  const url = new URL(req.url ?? '/', issuer);
  const match = /^\/interaction\/([\w-]+)(?:\/(\w+))?$/.exec(url.pathname);
  if (match) {
    interaction(req, res, match[1], match[2]).catch((error) => page(res, 500, String(error)));
    return;
  }
  if (url.pathname === '/__test/tamper' && req.method === 'POST') {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      tamper = JSON.parse(text);
      res.writeHead(204).end();
    });
    return;
  }
  callback(req, res);
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.stdout.write(`READY ${issuer}\n`);
