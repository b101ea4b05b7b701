/**
 * Walks the pages of an X-Ray API list call (`GetGroups`, `GetServiceGraph`): each answer's
 * `NextToken` asks for the next, up to `MAX_XRAY_PAGES` pages.
 */

/** Pages read at most: 50 pages of 100 services is a map far past readable. */
export const MAX_XRAY_PAGES = 50;

export async function allXRayPages<Page extends { readonly NextToken?: unknown }>(
  fetchPage: (nextToken: string | undefined) => Promise<Page>,
): Promise<Page[]> {
  const pages: Page[] = [];
  let nextToken: string | undefined;
  do {
    const page = await fetchPage(nextToken);
    pages.push(page);
    nextToken = typeof page.NextToken === "string" ? page.NextToken : undefined;
  } while (nextToken !== undefined && pages.length < MAX_XRAY_PAGES);
  return pages;
}
