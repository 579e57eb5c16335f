/**
 * The clean function's AWS credentials: those the Lambda runtime puts in the function's
 * environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN: the execution role's,
 * valid for the life of the execution environment). That is where the SDK's default chain finds
 * them first in Lambda too (its first link reads the environment); naming the source here lets
 * the bundle leave the rest of the chain out (profiles, SSO, web identity, process, container
 * and instance metadata: 130 KB of the minified bundle with the STS/SSO/sign-in clients they bring; see
 * FUNCTION_BUNDLING in lib/constructs/clean-function.ts).
 */
import { ENV_KEY, ENV_SECRET, ENV_SESSION, fromEnv } from '@aws-sdk/credential-provider-env';

/** No credentials in the environment: outside Lambda, or a runtime that no longer sets them. */
export class MissingCredentialsError extends Error {
  override readonly name = 'MissingCredentialsError';
}

export type CredentialProvider = ReturnType<typeof fromEnv>;

/**
 * Credentials from the environment, read at each call (the SDK caches them). Fails, when the
 * variables are missing, with an error that names them: an S3 call then fails as a transient
 * failure (src/pipeline/failures.ts), and the message goes back to the queue.
 */
export function environmentCredentials(): CredentialProvider {
  const fromEnvironment = fromEnv();
  return async (properties) => {
    try {
      return await fromEnvironment(properties);
    } catch (error) {
      throw new MissingCredentialsError(
        `no AWS credentials in the environment: the clean function reads ${ENV_KEY} and ${ENV_SECRET} (and ${ENV_SESSION}), ` +
          'which the Lambda runtime sets from the execution role; its bundle carries no other credential provider',
        { cause: error },
      );
    }
  };
}
