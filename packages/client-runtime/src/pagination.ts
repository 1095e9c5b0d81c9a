/**
 * The guard of every generated paginator: `@smithy/core`'s `createPaginator` sends page after page
 * while the service returns a token, so a service that returns a token it already returned would
 * be asked for the same pages forever.
 */
import type { PaginationConfiguration, Paginator } from "@smithy/types";

/** A paginator stopped because the service returned a pagination token it had already returned. */
export class PaginationLoopError extends Error {
  override readonly name = "PaginationLoopError";
}

/**
 * The pages of `pages`, failing with `PaginationLoopError` before asking for a page a second time:
 * when a response carries (at `outputToken`, a dotted path) the token sent for it or for an earlier
 * page. With `stopOnSameToken: true` the paginator stops on the same token instead, as `@smithy/core`'s does.
 */
export async function* checkedPages<Output>(
  pages: Paginator<Output>,
  config: PaginationConfiguration,
  firstToken: unknown,
  outputToken: string,
): Paginator<Output> {
  const sent = new Set<unknown>();
  let token = config.startingToken ?? firstToken;
  for await (const page of pages) {
    if (token !== undefined && token !== null && token !== "") sent.add(token);
    yield page;
    token = outputToken.split(".").reduce<any>((value, key) => value?.[key], page);
    if (token !== undefined && token !== null && token !== "" && sent.has(token)) {
      if (config.stopOnSameToken) return;
      throw new PaginationLoopError(`The service returned the pagination token ${outputToken} it had already returned: stopping rather than asking for the same pages again.`);
    }
  }
}
