/**
 * What kind of page a page says it is, from its JSON-LD @type names and og:type, grouped by
 * kind: the block model reads them as page features, so it can learn that what is content on a
 * forum thread or a product page differs from an article. Sources: schema.org's type hierarchy
 * (CreativeWork > Article…, Product, DiscussionForumPosting, QAPage, ItemList…) and the Open
 * Graph protocol's object types (article, product, website, profile, video).
 */
export const PAGE_KINDS: ReadonlyArray<readonly [kind: string, types: readonly string[]]> = [
  ['article', ['article', 'newsarticle', 'blogposting', 'report', 'reportagenewsarticle', 'opinionnewsarticle', 'analysisnewsarticle', 'liveblogposting', 'scholarlyarticle', 'backgroundnewsarticle', 'reviewnewsarticle', 'blog']],
  ['discussion', ['discussionforumposting', 'qapage', 'question', 'answer', 'comment', 'socialmediaposting', 'conversation']],
  ['product', ['product', 'productgroup', 'productmodel', 'individualproduct', 'offer', 'aggregateoffer', 'vehicle', 'book', 'softwareapplication', 'mobileapplication', 'webapplication', 'og:product', 'product.item']],
  ['list', ['itemlist', 'collectionpage', 'searchresultspage', 'offercatalog', 'breadcrumblist']],
  ['howto', ['techarticle', 'apireference', 'howto', 'recipe', 'faqpage', 'course', 'learningresource']],
  ['organisation', ['organization', 'localbusiness', 'professionalservice', 'service', 'corporation', 'store', 'aboutpage', 'contactpage', 'event']],
  ['website', ['website', 'webpage']],
  ['profile', ['profilepage', 'person', 'profile']],
  ['media', ['videoobject', 'video', 'video.other', 'video.movie', 'music.song', 'imageobject', 'podcastepisode']],
];

const KIND_OF = new Map<string, number>();
PAGE_KINDS.forEach(([, types], index) => {
  for (const type of types) KIND_OF.set(type, (KIND_OF.get(type) ?? 0) | (1 << index));
});

/** The kinds (bit i: PAGE_KINDS[i]) that the space-separated type names name. */
export function pageKinds(types: string): number {
  let kinds = 0;
  for (const type of types.toLowerCase().split(/\s+/)) {
    if (!type) continue;
    kinds |= KIND_OF.get(type) ?? KIND_OF.get(type.replace(/^.*[/:#]/, '')) ?? 0;
  }
  return kinds;
}

const ARTICLE_KIND = 1 << PAGE_KINDS.findIndex(([kind]) => kind === 'article');

/** Whether the space-separated type names say the page is an article (NewsArticle, BlogPosting, og:type article…). */
export function namesArticle(types: string): boolean {
  return (pageKinds(types) & ARTICLE_KIND) !== 0;
}

/**
 * The types that say a page is a collection of things (a shop's category, a search's results, a directory): schema.org's
 * CollectionPage, SearchResultsPage, ItemList, OfferCatalog, and Shopify's og:type "product.group" for a collection. Its
 * stated title is written for search results ("Buy Microphones at Thomann", "Sheets for Every Bed | Soft & Durable"), its
 * h1 names the collection ("Microphones", "All Sheets"): ../title.ts chooseTitle. Train part of modern-web: 3 titles right
 * more, none lost.
 */
const COLLECTION_TYPES: ReadonlySet<string> = new Set(['collectionpage', 'searchresultspage', 'itemlist', 'offercatalog', 'product.group']);

/** Whether the space-separated type names say the page is a collection (COLLECTION_TYPES) and not an article (a list in a story). */
export function namesCollection(types: string): boolean {
  if (namesArticle(types)) return false;
  return types.toLowerCase().split(/\s+/).some((type) => COLLECTION_TYPES.has(type) || COLLECTION_TYPES.has(type.replace(/^.*[/:#]/, '')));
}
