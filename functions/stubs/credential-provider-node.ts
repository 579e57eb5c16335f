/**
 * Stands in for @aws-sdk/credential-provider-node (the SDK's default credential chain) in the
 * clean function's bundle. The function gives its clients the environment's credentials
 * (../credentials.ts), so the chain is never asked; left in, its links would bring the STS, SSO,
 * SSO-OIDC and sign-in clients, the ini/process/web-identity/container/instance-metadata
 * providers (~130 KB of the minified bundle, measured with esbuild's metafile). A client built
 * without `credentials` gets a provider that fails with a clear error at its first request.
 *
 * Typed against the real module: an SDK release that changes these exports fails the type check,
 * and one that imports another name from it fails the bundling.
 */
import type * as CredentialChain from '@aws-sdk/credential-provider-node';
import { leftOut } from './left-out.js';

export const defaultProvider: typeof CredentialChain.defaultProvider = () => async () => {
  throw leftOut("The AWS SDK's default credential chain", "give the client `credentials: environmentCredentials()` (functions/credentials.ts)");
};

// The same predicates as the real module's (an expiration closer than 5 minutes is treated as passed).
const REFRESH_MARGIN_MS = 300_000;
export const credentialsWillNeedRefresh: typeof CredentialChain.credentialsWillNeedRefresh = (credentials) => credentials.expiration !== undefined;
export const credentialsTreatedAsExpired: typeof CredentialChain.credentialsTreatedAsExpired = (credentials) =>
  credentials.expiration !== undefined && credentials.expiration.getTime() - Date.now() < REFRESH_MARGIN_MS;
